//! Golden images: scenes under tests/golden/scenes rendered headless at 160x120 with a
//! fixed dt, compared with tests/golden/<scene>.png at 2/255 per channel. A missing
//! reference fails; `BLESS=1` writes it. On failure the actual image and a difference
//! image are written under target/golden/.

mod common;
use common::*;
use std::path::Path;

const TOLERANCE: u8 = 2;

fn check_scene(name: &str) {
    if !gpu_available(name) {
        return;
    }
    let root = repo_root();
    let scene = root.join("tests/golden/scenes").join(format!("{name}.lua"));
    let out_dir = root.join("target/golden");
    std::fs::create_dir_all(&out_dir).expect("mkdir target/golden");
    let actual_path = out_dir.join(format!("{name}.actual.png"));
    let out = run_headless(&[
        "--frames",
        "1",
        "--fixed-dt",
        "0.016",
        "--screenshot",
        actual_path.to_str().expect("path"),
        scene.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let reference = root.join("tests/golden").join(format!("{name}.png"));
    if std::env::var("BLESS").is_ok_and(|v| v == "1") {
        std::fs::copy(&actual_path, &reference).expect("bless reference");
        eprintln!("blessed {}", reference.display());
        return;
    }
    compare(name, &actual_path, &reference, &out_dir);
}

fn compare(name: &str, actual: &Path, reference: &Path, out_dir: &Path) {
    let a = image::open(actual).expect("actual image").to_rgba8();
    let r = image::open(reference)
        .unwrap_or_else(|e| {
            panic!(
                "missing reference {}: {e}; run with BLESS=1 to create it",
                reference.display()
            )
        })
        .to_rgba8();
    assert_eq!(a.dimensions(), r.dimensions(), "{name}: size differs");
    let mut diff = image::RgbaImage::new(a.width(), a.height());
    let mut bad = 0u32;
    let mut worst = 0u8;
    for (x, y, pa) in a.enumerate_pixels() {
        let pr = r.get_pixel(x, y);
        let d = (0..4).map(|i| pa[i].abs_diff(pr[i])).max().unwrap_or(0);
        worst = worst.max(d);
        if d > TOLERANCE {
            bad += 1;
            diff.put_pixel(x, y, image::Rgba([255, 0, 0, 255]));
        } else {
            diff.put_pixel(x, y, image::Rgba([pa[0] / 4, pa[1] / 4, pa[2] / 4, 255]));
        }
    }
    if bad > 0 {
        let diff_path = out_dir.join(format!("{name}.diff.png"));
        diff.save(&diff_path).expect("save diff");
        panic!(
            "{name}: {bad} pixels differ by more than {TOLERANCE}/255 (worst {worst}); see {} and {}",
            actual.display(),
            diff_path.display()
        );
    }
}

#[test]
fn golden_clear() {
    check_scene("clear");
}

#[test]
fn golden_rectangles() {
    check_scene("rectangles");
}

#[test]
fn golden_line_rectangles() {
    check_scene("lines");
}

#[test]
fn golden_alpha_blending() {
    check_scene("alpha");
}

#[test]
fn golden_text() {
    check_scene("text");
}

#[test]
fn golden_shapes() {
    check_scene("shapes");
}

#[test]
fn golden_linejoins() {
    check_scene("linejoins");
}

#[test]
fn golden_textures() {
    check_scene("textures");
}

#[test]
fn golden_blendmodes() {
    check_scene("blendmodes");
}

#[test]
fn golden_scissor_stencil() {
    check_scene("scissor_stencil");
}

#[test]
fn golden_canvas() {
    check_scene("canvas");
}

#[test]
fn golden_batches() {
    check_scene("batches");
}

#[test]
fn golden_image_font() {
    check_scene("imagefont");
}

#[test]
fn golden_text_alignment_and_rotation() {
    check_scene("text_align");
}

// The shader_* references are LÖVE 11.4's renders of the same scenes (tests/golden/love:
// `SCENE=... OUT=... xvfb-run -a love .`), converted to RGBA; the engine matches them.
#[test]
fn golden_particles_fire() {
    check_scene("particles_fire");
}

#[test]
fn golden_particles_areas() {
    check_scene("particles_areas");
}

#[test]
fn golden_particles_moveto() {
    check_scene("particles_moveto");
}

#[test]
fn golden_shader_greyscale() {
    check_scene("shader_greyscale");
}

#[test]
fn golden_shader_palette_swap() {
    check_scene("shader_palette");
}

#[test]
fn golden_shader_vertex_displacement() {
    check_scene("shader_vertex");
}

#[test]
fn golden_shader_multiple_canvases() {
    check_scene("shader_canvases");
}

#[test]
fn golden_shader_screen_size() {
    check_scene("shader_screensize");
}

// The mesh_* references are LÖVE 11.4's renders of the same scenes (tests/golden/love).
#[test]
fn golden_mesh_custom_attributes() {
    check_scene("mesh_attributes");
}

/// Reference rendered by LÖVE 11.4 (tests/golden/love/compare.sh's harness).
#[test]
fn golden_canvas_depthstencil() {
    check_scene("canvas_depthstencil");
}

#[test]
fn golden_mesh_depth_and_culling() {
    check_scene("mesh_depth");
}

#[test]
fn golden_mesh_instanced_and_attached() {
    check_scene("mesh_instanced");
}

#[test]
fn golden_mesh_cube3d() {
    check_scene("mesh_cube3d");
}

// The layers_* references are LÖVE 11.4's renders of the same scenes
// (tests/golden/love/compare.sh NAME): don't re-bless them from the engine.
#[test]
fn golden_layers_drawlayer_array_image() {
    check_scene("layers_drawlayer");
}

#[test]
fn golden_layers_spritebatch_array_image() {
    check_scene("layers_spritebatch");
}

#[test]
fn golden_layers_shader_cube_and_volume() {
    check_scene("layers_shader_cube_volume");
}

#[test]
fn golden_layers_canvas_slices() {
    check_scene("layers_canvas");
}

#[test]
fn golden_layers_shader_array_maintex() {
    check_scene("layers_shader_maintex");
}
