//! Unit tests of `Graphics` (state stack, batching, draw-call counts).

use super::*;

#[test]
fn graphics_push_pop_restores_transform_and_state() {
    let mut g = Graphics::new(100, 100);
    g.push(true).expect("push");
    g.translate(5.0, 6.0);
    g.state.color = [1.0, 0.0, 0.0, 1.0];
    g.pop().expect("pop");
    assert_eq!(g.transform, Affine2::IDENTITY);
    assert_eq!(g.state.color, [1.0; 4]);
    assert!(g.pop().is_err());
}

#[test]
fn graphics_draw_calls_same_state_rectangles_batch() {
    let mut g = Graphics::new(100, 100);
    for i in 0..1000 {
        g.state.color = [i as f32 / 1000.0, 0.0, 0.0, 1.0];
        g.rectangle(DrawMode::Fill, i as f32, 0.0, 1.0, 1.0, 0.0, 0.0, None);
    }
    assert_eq!(g.stats().drawcalls, 1);
    g.present();
    assert_eq!(g.last_frame.drawcalls, 1);
    assert_eq!(g.stats().drawcalls, 0);
}

#[test]
fn graphics_state_changes_split_batches() {
    let mut g = Graphics::new(100, 100);
    g.rectangle(DrawMode::Fill, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, None);
    g.state.scissor = Some([0.0, 0.0, 10.0, 10.0]);
    g.rectangle(DrawMode::Fill, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, None);
    g.state.blend.mode = batch::BlendMode::Add;
    g.rectangle(DrawMode::Fill, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, None);
    g.rectangle(DrawMode::Line, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, None);
    assert_eq!(g.stats().drawcalls, 3);
}
