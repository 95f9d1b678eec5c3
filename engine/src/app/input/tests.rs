use super::*;
use winit::keyboard::NamedKey;

fn ch(s: &str) -> Key {
    Key::Character(s.into())
}

fn summary(evs: &[Event]) -> Vec<String> {
    evs.iter()
        .map(|e| {
            let args: Vec<String> = e
                .args
                .iter()
                .map(|a| match a {
                    Variant::Str(s) => s.clone(),
                    Variant::Number(n) => n.to_string(),
                    Variant::Bool(b) => b.to_string(),
                    other => format!("{other:?}"),
                })
                .collect();
            format!("{} {}", e.name, args.join(" "))
        })
        .collect()
}

#[test]
fn input_keypressed_names_text_and_release() {
    let mut i = Input::default();
    let mut kb = Keyboard::default();
    let e = i.key(&mut kb, &ch("a"), KeyCode::KeyA, true, false, Some("A"));
    assert_eq!(summary(&e), ["keypressed a a false", "textinput A"]);
    assert!(kb.is_down("a") && kb.is_scancode_down("a"));
    let e = i.key(&mut kb, &ch("a"), KeyCode::KeyA, false, false, None);
    assert_eq!(summary(&e), ["keyreleased a a"]);
    assert!(!kb.is_down("a"));
    // Enter types "\r": a control character is no textinput.
    let enter = Key::Named(NamedKey::Enter);
    let e = i.key(&mut kb, &enter, KeyCode::Enter, true, false, Some("\r"));
    assert_eq!(summary(&e), ["keypressed return return false"]);
    // AZERTY: key "a" on scancode "q"; the layout is learned.
    i.key(&mut kb, &ch("a"), KeyCode::KeyQ, true, false, None);
    assert_eq!(kb.key_from_scancode("q", |s| s.to_string()), "a");
}

#[test]
fn input_key_repeat_only_with_set_key_repeat() {
    let mut i = Input::default();
    let mut kb = Keyboard::default();
    let e = i.key(&mut kb, &ch("x"), KeyCode::KeyX, true, true, Some("x"));
    assert_eq!(summary(&e), ["textinput x"]);
    kb.key_repeat = true;
    let e = i.key(&mut kb, &ch("x"), KeyCode::KeyX, true, true, Some("x"));
    assert_eq!(summary(&e), ["keypressed x x true", "textinput x"]);
}

#[test]
fn input_textinput_off_and_ime() {
    let mut i = Input::default();
    let mut kb = Keyboard::default();
    kb.set_text_input(false, None);
    let e = i.key(&mut kb, &ch("x"), KeyCode::KeyX, true, false, Some("x"));
    assert_eq!(summary(&e), ["keypressed x x false"]);
    kb.set_text_input(true, None);
    let e = i.key(&mut kb, &ch("x"), KeyCode::KeyX, true, false, Some("x"));
    assert_eq!(summary(&e), ["keypressed x x false", "textinput x"]);
    // A commit repeating the key's text is dropped; composed text is delivered.
    assert!(i.commit(&kb, "x").is_empty());
    assert_eq!(summary(&i.commit(&kb, "日本")), ["textinput 日本"]);
    assert_eq!(summary(&i.commit(&kb, "日本")), ["textinput 日本"]);
    // Cursor after "日" (3 bytes) to the end: start 1, length 1 in characters.
    assert_eq!(
        summary(&i.preedit(&kb, "日本", Some((3, 6)))),
        ["textedited 日本 1 1"]
    );
    assert_eq!(summary(&i.preedit(&kb, "ab", None)), ["textedited ab 2 0"]);
}

#[test]
fn input_mousemoved_deltas_and_relative_mode() {
    let mut i = Input::default();
    let mut m = Mouse::default();
    assert_eq!(
        summary(&i.cursor_moved(&mut m, 10.0, 20.0)),
        ["mousemoved 10 20 0 0 false"]
    );
    assert_eq!(
        summary(&i.cursor_moved(&mut m, 13.0, 16.0)),
        ["mousemoved 13 16 3 -4 false"]
    );
    assert_eq!((m.x, m.y), (13.0, 16.0));
    // Raw motion is ignored outside relative mode.
    assert!(i.raw_motion(&m, 5.0, 5.0).is_empty());
    m.request(crate::mouse::Request::SetRelative(true));
    assert!(i.cursor_moved(&mut m, 100.0, 100.0).is_empty());
    assert_eq!((m.x, m.y), (13.0, 16.0), "the position stays put");
    assert_eq!(
        summary(&i.raw_motion(&m, 7.0, -2.0)),
        ["mousemoved 13 16 7 -2 false"]
    );
}

#[test]
fn input_mousepressed_counts_double_clicks() {
    let mut i = Input::default();
    let mut m = Mouse::default();
    i.cursor_moved(&mut m, 50.0, 60.0);
    let t0 = Instant::now();
    let e = i.mouse_button(&mut m, 1, true, t0);
    assert_eq!(summary(&e), ["mousepressed 50 60 1 false 1"]);
    assert!(m.is_down(1));
    let e = i.mouse_button(&mut m, 1, false, t0 + Duration::from_millis(50));
    assert_eq!(summary(&e), ["mousereleased 50 60 1 false 1"]);
    assert!(!m.is_down(1));
    let e = i.mouse_button(&mut m, 1, true, t0 + Duration::from_millis(200));
    assert_eq!(summary(&e), ["mousepressed 50 60 1 false 2"]);
    let e = i.mouse_button(&mut m, 1, true, t0 + Duration::from_millis(400));
    assert_eq!(summary(&e), ["mousepressed 50 60 1 false 3"]);
    // Too late, another button, or moved away: a single click again.
    let e = i.mouse_button(&mut m, 1, true, t0 + Duration::from_millis(1000));
    assert_eq!(summary(&e), ["mousepressed 50 60 1 false 1"]);
    let e = i.mouse_button(&mut m, 2, true, t0 + Duration::from_millis(1100));
    assert_eq!(summary(&e), ["mousepressed 50 60 2 false 1"]);
    i.cursor_moved(&mut m, 80.0, 60.0);
    let e = i.mouse_button(&mut m, 2, true, t0 + Duration::from_millis(1200));
    assert_eq!(summary(&e), ["mousepressed 80 60 2 false 1"]);
}

#[test]
fn input_wheel_and_touch() {
    let mut i = Input::default();
    assert_eq!(summary(&i.wheel(0.0, -1.0)), ["wheelmoved 0 -1"]);
    let mut t = Touches::default();
    let e = i.touch(&mut t, 3, 0, 10.0, 10.0, 1.0);
    assert_eq!(summary(&e), ["touchpressed Touch(3) 10 10 0 0 1"]);
    let e = i.touch(&mut t, 3, 1, 12.0, 10.0, 0.5);
    assert_eq!(summary(&e), ["touchmoved Touch(3) 12 10 2 0 0.5"]);
    assert_eq!(t.all().len(), 1);
    let e = i.touch(&mut t, 3, 2, 12.0, 11.0, 0.0);
    assert_eq!(summary(&e), ["touchreleased Touch(3) 12 11 0 1 0"]);
    assert!(t.all().is_empty());
}
