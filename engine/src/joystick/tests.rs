use super::*;

fn pad(key: usize, guid: &str, gamepad: bool) -> RawEvent {
    RawEvent::Added(DeviceInfo {
        key,
        name: "Test Pad".into(),
        guid: guid.into(),
        gamepad,
        vibration: true,
        button_codes: vec![10, 11],
        axis_codes: vec![20],
        ..Default::default()
    })
}

const GUID: &str = "030000005e0400008e02000014010000";

fn names(evs: &[Event]) -> Vec<String> {
    evs.iter().map(|e| e.name.clone()).collect()
}

#[test]
fn joystick_added_removed_keeps_id() {
    let mut j = Joysticks::default();
    let e = j.handle(pad(7, GUID, false));
    assert_eq!(
        e,
        vec![Event::new("joystickadded", vec![Variant::Joystick(1)])]
    );
    j.handle(pad(8, "03000000aaaa0000bbbb000000000000", false));
    assert_eq!(j.connected().count(), 2);
    let e = j.handle(RawEvent::Removed(7));
    assert_eq!(
        e,
        vec![Event::new("joystickremoved", vec![Variant::Joystick(1)])]
    );
    assert_eq!(j.connected().count(), 1);
    assert!(!j.get(1).is_some_and(|d| d.connected));
    // The same device again gets its old id back.
    j.handle(pad(9, GUID, false));
    assert!(j.get(1).is_some_and(|d| d.connected));
    assert_eq!(j.connected().count(), 2);
}

#[test]
fn joystick_raw_buttons_axes_hats() {
    let mut j = Joysticks::default();
    j.handle(pad(1, GUID, false));
    let e = j.handle(RawEvent::Button {
        key: 1,
        code: 11,
        pressed: true,
        mapped: None,
    });
    assert_eq!(
        e,
        vec![Event::new(
            "joystickpressed",
            vec![Variant::Joystick(1), Variant::Number(2.0)]
        )]
    );
    let d = j.get(1).expect("device");
    assert!(d.button(1) && !d.button(0) && !d.button(99));
    // An unknown code gets the next index.
    j.handle(RawEvent::Axis {
        key: 1,
        code: 99,
        value: -0.5,
        mapped: None,
    });
    let d = j.get(1).expect("device");
    assert_eq!(d.axis_count(), 2);
    assert_eq!(d.axes(), vec![0.0, -0.5]);
    let e = j.handle(RawEvent::Hat {
        key: 1,
        index: 0,
        mask: 9,
    });
    assert_eq!(e[0].args[2], Variant::Str("lu".into()));
    assert_eq!(j.get(1).map(|d| d.hat(0)), Some(9));
    // The same value again is no event.
    assert!(
        j.handle(RawEvent::Hat {
            key: 1,
            index: 0,
            mask: 9
        })
        .is_empty()
    );
}

#[test]
fn joystick_gamepad_events_from_backend_mapping() {
    let mut j = Joysticks::default();
    j.handle(pad(1, GUID, true));
    let e = j.handle(RawEvent::Button {
        key: 1,
        code: 10,
        pressed: true,
        mapped: Some(0),
    });
    assert_eq!(names(&e), ["joystickpressed", "gamepadpressed"]);
    assert_eq!(e[1].args[1], Variant::Str("a".into()));
    let e = j.handle(RawEvent::MappedAxis {
        key: 1,
        axis: 4,
        value: 0.75,
    });
    assert_eq!(names(&e), ["gamepadaxis"]);
    assert_eq!(e[0].args[1], Variant::Str("triggerleft".into()));
    let d = j.get(1).expect("device");
    assert!(d.gamepad_button(&j.mappings, 0));
    assert_eq!(d.gamepad_axis(&j.mappings, 4), 0.75);
}

#[test]
fn joystick_gamepad_from_game_mapping() {
    let mut j = Joysticks::default();
    j.handle(pad(1, GUID, false));
    assert!(!j.get(1).is_some_and(|d| d.is_gamepad(&j.mappings)));
    j.mappings.set(GUID, "b", Source::Button(1));
    j.mappings.set(GUID, "triggerright", Source::Axis(0));
    j.mappings.set(GUID, "dpup", Source::Hat(0, 1));
    assert!(j.get(1).is_some_and(|d| d.is_gamepad(&j.mappings)));
    let e = j.handle(RawEvent::Button {
        key: 1,
        code: 11,
        pressed: true,
        mapped: None,
    });
    // The raw trigger axis at rest (0) reads 0.5 once the mapping exists.
    assert_eq!(
        names(&e),
        ["joystickpressed", "gamepadpressed", "gamepadaxis"]
    );
    assert_eq!(e[1].args[1], Variant::Str("b".into()));
    j.handle(RawEvent::Axis {
        key: 1,
        code: 20,
        value: 1.0,
        mapped: None,
    });
    let e = j.handle(RawEvent::Hat {
        key: 1,
        index: 0,
        mask: 3,
    });
    assert_eq!(names(&e), ["joystickhat", "gamepadpressed"]);
    let d = j.get(1).expect("device");
    assert_eq!(d.gamepad_axis(&j.mappings, 5), 1.0);
    assert!(d.gamepad_button(&j.mappings, 11));
}

#[test]
fn joystick_vibration_needs_support() {
    let mut j = Joysticks::default();
    j.handle(pad(1, GUID, false));
    assert!(j.set_vibration(1, 0.5, 0.25, -1.0));
    assert_eq!(j.get(1).map(|d| d.vibration), Some((0.5, 0.25)));
    assert!(!j.set_vibration(2, 1.0, 1.0, -1.0));
}
