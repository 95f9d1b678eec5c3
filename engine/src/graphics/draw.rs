//! Drawing primitives on [`Graphics`]: textures, quads, shapes, sprite batches and
//! meshes. Each builds vertices in screen pixels and appends them to the batch under the
//! key of the current state.

use super::batch::{Vertex, WHITE_TEXTURE, pack_color};
use super::mesh::{Mesh, SpriteBatch};
use super::shapes::{self, ArcMode, LineOpts};
use super::texture::{Quad, TextureInner};
use super::{DrawMode, Graphics, LineStyle, text};
use glam::{Affine2, Vec2};

/// One laid-out line of text: its coloured characters and its width.
type LaidLine = (Vec<([u8; 4], char)>, f32);

impl Graphics {
    /// Draws coloured text runs with the current font. `local` places the text (print's
    /// x, y, r, sx, sy, ox, oy, kx, ky); `wrap` is printf's limit and alignment.
    pub fn print(
        &mut self,
        runs: &[([f32; 4], String)],
        local: Affine2,
        wrap: Option<(f32, text::Align)>,
    ) {
        let base = self.state.color;
        let run_color = |c: &[f32; 4]| {
            pack_color([
                base[0] * c[0],
                base[1] * c[1],
                base[2] * c[2],
                base[3] * c[3],
            ])
        };
        if let ([([1.0, 1.0, 1.0, 1.0], s)], None) = (runs, wrap) {
            return self.print_plain(s, local);
        }
        let t = self.transform * local;
        let mut chars: Vec<([u8; 4], char)> = Vec::new();
        let mut plain = String::new();
        for (c, s) in runs {
            let col = run_color(c);
            for ch in s.chars() {
                chars.push((col, ch));
                plain.push(ch);
            }
        }
        let mut v = std::mem::take(&mut self.scratch);
        v.clear();
        let font_ref = self.current_font();
        let mut font_guard = font_ref.borrow_mut();
        let font = &mut *font_guard;
        let lines: Vec<text::Line> = match wrap {
            Some((limit, _)) => font.wrap(&plain, limit),
            None => plain
                .split('\n')
                .map(|l| text::Line {
                    text: l.to_string(),
                    width: font.width(l),
                })
                .collect(),
        };
        // Give each line its coloured characters back (layout drops only the newlines).
        let mut it = chars.into_iter().filter(|(_, c)| *c != '\n');
        let laid: Vec<LaidLine> = lines
            .iter()
            .map(|l| (it.by_ref().take(l.text.chars().count()).collect(), l.width))
            .collect();
        let (limit, align) = match wrap {
            Some((l, a)) => (Some(l), a),
            None => (None, text::Align::Left),
        };
        font.layout(&mut v, &t, &laid, limit, align);
        self.queue_glyphs(font, &v);
        self.scratch = v;
    }

    /// `print(text, ...)` of one string in the current colour: the allocation-free path.
    pub fn print_plain(&mut self, s: &str, local: Affine2) {
        let t = self.transform * local;
        let color = pack_color(self.state.color);
        let mut v = std::mem::take(&mut self.scratch);
        v.clear();
        let font_ref = self.current_font();
        let mut font = font_ref.borrow_mut();
        font.emit_plain(&mut v, &t, s, color);
        self.queue_glyphs(&mut font, &v);
        self.scratch = v;
    }

    /// Uploads glyphs added to `font`'s atlas, then queues `v` (glyph quads sampling it).
    fn queue_glyphs(&mut self, font: &mut text::Font, v: &[Vertex]) {
        // Upload new glyphs before the draw that samples them is queued.
        let atlas = &mut font.atlas;
        self.retired_textures.append(&mut atlas.retired);
        if font.retire_to.is_none() {
            font.retire_to = Some(self.retired.clone());
        }
        let atlas = &mut font.atlas;
        if atlas.dirty
            && let (Some(gpu), Some(r)) = (self.gpu.as_ref(), self.renderer.as_mut())
        {
            match atlas.texture {
                Some(id) => {
                    r.update_texture(gpu, id, 0, 0, atlas.width, atlas.height, &atlas.pixels)
                }
                None => {
                    let id = r.create_texture(gpu, atlas.width, atlas.height, &atlas.pixels);
                    let (min, mag, aniso) = font.filter;
                    let key = super::texture::SamplerKey {
                        min,
                        mag,
                        anisotropy: aniso,
                        ..Default::default()
                    };
                    r.set_sampler(gpu, id, key);
                    atlas.texture = Some(id);
                }
            }
            atlas.dirty = false;
        }
        if let Some(texture) = atlas.texture {
            let key = self.key(texture);
            self.batch.push(key, v);
        }
    }

    fn line_opts(&self) -> LineOpts {
        LineOpts {
            width: self.state.line_width,
            join: self.state.line_join,
            feather: match self.state.line_style {
                LineStyle::Smooth => 1.0 / self.pixel_scale(),
                LineStyle::Rough => 0.0,
            },
        }
    }

    /// Queues `v` (a triangle list) with the untextured key.
    fn push_shape(&mut self, v: &[Vertex]) {
        let key = self.key(WHITE_TEXTURE);
        self.batch.push(key, v);
    }

    fn with_scratch(&mut self, f: impl FnOnce(&Self, &mut Vec<Vertex>)) {
        let mut v = std::mem::take(&mut self.scratch);
        v.clear();
        f(self, &mut v);
        self.push_shape(&v);
        self.scratch = v;
    }

    /// Fills (any simple polygon) or outlines a polygon given by its points.
    pub fn polygon_points(&mut self, mode: DrawMode, pts: &[Vec2], closed: bool) {
        let c = pack_color(self.state.color);
        let t = self.transform;
        self.with_scratch(|g, v| match mode {
            DrawMode::Fill => shapes::fill_polygon(v, &t, pts, c),
            DrawMode::Line => shapes::polyline(v, &t, pts, closed, g.line_opts(), c),
        });
    }

    /// Convex outlines (ellipses, arcs) are filled as a fan, as LÖVE does.
    fn convex_points(&mut self, mode: DrawMode, pts: &[Vec2], closed: bool) {
        let c = pack_color(self.state.color);
        let t = self.transform;
        self.with_scratch(|g, v| match mode {
            DrawMode::Fill => shapes::fill_convex(v, &t, pts, c),
            DrawMode::Line => shapes::polyline(v, &t, pts, closed, g.line_opts(), c),
        });
    }

    pub fn ellipse(
        &mut self,
        mode: DrawMode,
        x: f32,
        y: f32,
        rx: f32,
        ry: f32,
        segments: Option<usize>,
    ) {
        let n = segments
            .unwrap_or_else(|| shapes::ellipse_points(rx, ry, self.pixel_scale()))
            .max(3);
        if mode == DrawMode::Fill {
            // PERF: a filled ellipse writes its fan straight into the batch, no point list.
            let c = pack_color(self.state.color);
            let t = self.transform;
            let key = self.key(WHITE_TEXTURE);
            if let Some(out) = self.batch.reserve(key, 3 * (n - 2)) {
                shapes::write_ellipse_fan(out, &t, x, y, rx, ry, n, c);
            }
            return;
        }
        let pts = shapes::ellipse_outline(x, y, rx, ry, n);
        self.convex_points(mode, &pts, true);
    }

    #[allow(clippy::too_many_arguments)]
    pub fn arc(
        &mut self,
        mode: DrawMode,
        arc: ArcMode,
        x: f32,
        y: f32,
        r: f32,
        a1: f32,
        a2: f32,
        segments: Option<usize>,
    ) {
        let angle = (a1 - a2).abs();
        // LOVE: a full turn or more is a circle.
        if angle >= std::f32::consts::TAU {
            return self.ellipse(mode, x, y, r, r, segments);
        }
        let n = segments.unwrap_or_else(|| {
            let full = shapes::ellipse_points(r, r, self.pixel_scale()) as f32;
            (full * angle / std::f32::consts::TAU + 0.5) as usize
        });
        let fill = mode == DrawMode::Fill;
        if let Some(pts) = shapes::arc_points(fill, arc, x, y, r, a1, a2, n) {
            let closed = arc != ArcMode::Open || fill;
            if fill {
                // A pie over half a turn is not convex, but is star-shaped from its centre.
                self.convex_points(mode, &pts, closed);
            } else {
                // The point list already repeats its start when closed.
                self.convex_points(mode, &pts, false);
            }
        }
    }

    /// `line(x1, y1, x2, y2, ...)`: an open polyline.
    pub fn line(&mut self, pts: &[Vec2]) {
        let c = pack_color(self.state.color);
        let t = self.transform;
        self.with_scratch(|g, v| shapes::polyline(v, &t, pts, false, g.line_opts(), c));
    }

    /// `points`: squares of the point size; `colors` per point, or the current colour.
    pub fn points(&mut self, pts: &[(Vec2, Option<[f32; 4]>)]) {
        let base = self.state.color;
        let list: Vec<(Vec2, [u8; 4])> = pts
            .iter()
            .map(|(p, c)| (*p, pack_color(c.unwrap_or(base))))
            .collect();
        let t = self.transform;
        let size = self.state.point_size;
        self.with_scratch(|_, v| shapes::points(v, &t, &list, size));
    }

    /// `draw(texture, [quad,] x, y, r, sx, sy, ox, oy, kx, ky)`; `local` is the placement.
    pub fn draw_texture(&mut self, tex: &TextureInner, quad: Option<&Quad>, local: &Affine2) {
        let t = self.transform * *local;
        let c = pack_color(self.state.color);
        let (w, h, uv) = match quad {
            Some(q) => (q.w, q.h, q.uv()),
            None => {
                let (w, h) = tex.dimensions();
                (w, h, [0.0, 0.0, 1.0, 1.0])
            }
        };
        let key = self.key(tex.id);
        let mut v = [Vertex::default(); 6];
        shapes::write_rect(&mut v, &t, 0.0, 0.0, w, h, uv, c);
        self.batch.push(key, &v);
    }

    pub fn draw_sprite_batch(&mut self, sb: &SpriteBatch, local: &Affine2) {
        if sb.texture.kind == super::layered::TexKind::Array {
            return self.draw_sprite_batch_layers(sb, local);
        }
        let t = self.transform * *local;
        let base = self.state.color;
        let (start, end) = sb.range();
        let n = end.saturating_sub(start);
        let key = self.key(sb.texture.id);
        let Some(out) = self.batch.reserve(key, n * 6) else {
            return;
        };
        for (sprite, dst) in sb.sprites[start..end].iter().zip(out.chunks_exact_mut(6)) {
            let mut corners = [Vertex::default(); 4];
            for (c, s) in corners.iter_mut().zip(sprite.iter()) {
                let p = t.transform_point2(Vec2::from(s.pos));
                *c = Vertex {
                    pos: [p.x, p.y],
                    uv: s.uv,
                    color: mul_color(s.color, base),
                };
            }
            for (slot, i) in dst.iter_mut().zip([0usize, 1, 2, 0, 2, 3]) {
                *slot = corners[i];
            }
        }
    }

    pub fn draw_mesh(&mut self, mesh: &Mesh, local: &Affine2) {
        // A mesh the batcher's 2D format can't hold, or one culled, is drawn from its
        // own buffer.
        // PERF: so is a big one (from GPU_MESH_VERTICES vertices): uploaded once instead of
        // transformed on the CPU every draw (20k triangles: 55 -> 34 ms/frame, debug build).
        // Small ones stay in the batch, where consecutive draws merge into one call.
        if !mesh.is_plain_2d()
            || self.state.cull != super::batch::Cull::None
            || (mesh.vertex_count() >= super::mesh::GPU_MESH_VERTICES
                && mesh.mode != super::mesh::MeshMode::Points)
        {
            self.draw_mesh_gpu(mesh, local, Vec::new(), 1);
            return;
        }
        let t = self.transform * *local;
        let base = self.state.color;
        let size = self.state.point_size;
        let texture = mesh.texture.as_ref().map(|t| t.id).unwrap_or(WHITE_TEXTURE);
        let mut v = std::mem::take(&mut self.scratch);
        v.clear();
        mesh.triangles(&mut v, &t, base, size);
        let key = self.key(texture);
        self.batch.push(key, &v);
        self.scratch = v;
    }

    pub fn local_transform(x: f32, y: f32, rest: [f32; 7]) -> Affine2 {
        let [r, sx, sy, ox, oy, kx, ky] = rest;
        super::transform::from_params(x, y, r, sx, sy, ox, oy, kx, ky)
    }
}

impl Default for Vertex {
    fn default() -> Self {
        bytemuck::Zeroable::zeroed()
    }
}

/// A packed vertex colour times the current colour (straight alpha, as LÖVE's shader).
pub fn mul_color(c: [u8; 4], base: [f32; 4]) -> [u8; 4] {
    let m = |x: u8, f: f32| ((x as f32) * f.clamp(0.0, 1.0) + 0.5) as u8;
    [
        m(c[0], base[0]),
        m(c[1], base[1]),
        m(c[2], base[2]),
        m(c[3], base[3]),
    ]
}
