//! `love.window.showMessageBox`'s dialog, drawn by the engine itself: layout, hit testing
//! and a software rasterizer that paints the box (message, buttons) into 0x00RRGGBB pixels
//! with the embedded default font. `messagebox_x11` puts those pixels in a real X11
//! dialog window and runs its event loop; nothing here knows of a window system, so the
//! layout is unit-tested on its own.

use crate::graphics::text::DEFAULT_FONT;

/// LÖVE's message box types; they pick the accent colour of the box's left edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Info,
    Warning,
    Error,
}

impl Kind {
    pub fn from_name(name: &str) -> Kind {
        match name {
            "error" => Kind::Error,
            "warning" => Kind::Warning,
            _ => Kind::Info,
        }
    }

    fn accent(self) -> u32 {
        match self {
            Kind::Info => 0x3b7dd8,
            Kind::Warning => 0xe0a020,
            Kind::Error => 0xd03a3a,
        }
    }
}

/// What the game asked for. Button indices are 0-based here.
#[derive(Clone, Debug)]
pub struct Request {
    pub kind: Kind,
    pub title: String,
    pub message: String,
    pub buttons: Vec<String>,
    /// The button Return/Enter presses.
    pub enter: usize,
    /// The button Escape presses.
    pub escape: usize,
}

const FONT_PX: f32 = 14.0;
const PAD: i32 = 18;
const ACCENT_W: i32 = 5;
const BUTTON_H: i32 = 28;
const BUTTON_GAP: i32 = 10;
const BUTTON_MIN_W: i32 = 80;
const MAX_TEXT_W: i32 = 560;
const MIN_W: i32 = 260;
const BG: u32 = 0xf2f2f2;
const TEXT: u32 = 0x202020;
const BUTTON: u32 = 0xffffff;
const BUTTON_HOVER: u32 = 0xe4eefc;
const BUTTON_DOWN: u32 = 0xc8dcf8;
const BORDER: u32 = 0x9a9a9a;
const FOCUS: u32 = 0x3b7dd8;

/// A laid-out message box.
pub struct Layout {
    font: fontdue::Font,
    pub width: i32,
    pub height: i32,
    lines: Vec<String>,
    line_h: i32,
    ascent: i32,
    /// (x, y, w, h) of each button.
    pub buttons: Vec<(i32, i32, i32, i32)>,
    labels: Vec<String>,
    accent: u32,
}

/// How the buttons look when painted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Look {
    pub hover: Option<usize>,
    pub down: Option<usize>,
    pub focus: Option<usize>,
}

impl Layout {
    pub fn new(req: &Request) -> Result<Layout, String> {
        let font = fontdue::Font::from_bytes(DEFAULT_FONT, fontdue::FontSettings::default())
            .map_err(|e| format!("cannot load the default font: {e}"))?;
        let metrics = font.horizontal_line_metrics(FONT_PX);
        let (ascent, line_h) = match metrics {
            Some(m) => (m.ascent.ceil() as i32, m.new_line_size.ceil() as i32),
            None => (FONT_PX as i32, FONT_PX as i32 + 4),
        };
        let width_of = |s: &str| -> i32 { text_width(&font, s) };
        let mut lines = Vec::new();
        for para in req.message.split('\n') {
            wrap(para, MAX_TEXT_W, &width_of, &mut lines);
        }
        let text_w = lines.iter().map(|l| width_of(l)).max().unwrap_or(0);
        let widths: Vec<i32> = req
            .buttons
            .iter()
            .map(|b| (width_of(b) + 28).max(BUTTON_MIN_W))
            .collect();
        let row_w = widths.iter().sum::<i32>() + BUTTON_GAP * (widths.len() as i32 - 1).max(0);
        let width = (text_w.max(row_w) + 2 * PAD + ACCENT_W).max(MIN_W);
        let text_h = line_h * lines.len() as i32;
        let height = PAD + text_h + PAD + BUTTON_H + PAD;
        // LOVE (SDL): the buttons sit in a centred row under the message.
        let mut x = ACCENT_W + (width - ACCENT_W - row_w) / 2;
        let y = height - PAD - BUTTON_H;
        let buttons = widths
            .iter()
            .map(|&w| {
                let b = (x, y, w, BUTTON_H);
                x += w + BUTTON_GAP;
                b
            })
            .collect();
        Ok(Layout {
            font,
            width,
            height,
            lines,
            line_h,
            ascent,
            buttons,
            labels: req.buttons.clone(),
            accent: req.kind.accent(),
        })
    }

    /// The button under the point (x, y), in the box's pixels.
    pub fn hit(&self, x: i32, y: i32) -> Option<usize> {
        self.buttons
            .iter()
            .position(|&(bx, by, bw, bh)| x >= bx && x < bx + bw && y >= by && y < by + bh)
    }

    /// Paints the box: `width * height` pixels, 0x00RRGGBB, rows top to bottom.
    pub fn paint(&self, look: Look) -> Vec<u32> {
        let mut c = Canvas {
            w: self.width,
            h: self.height,
            px: vec![BG; (self.width * self.height).max(0) as usize],
        };
        c.fill(0, 0, ACCENT_W, self.height, self.accent);
        let mut y = PAD;
        for line in &self.lines {
            self.text(&mut c, PAD + ACCENT_W, y + self.ascent, line);
            y += self.line_h;
        }
        for (i, (&(x, y, w, h), label)) in self.buttons.iter().zip(&self.labels).enumerate() {
            let fill = if look.down == Some(i) && look.hover == Some(i) {
                BUTTON_DOWN
            } else if look.hover == Some(i) {
                BUTTON_HOVER
            } else {
                BUTTON
            };
            let border = if look.focus == Some(i) { FOCUS } else { BORDER };
            c.fill(x, y, w, h, border);
            c.fill(x + 1, y + 1, w - 2, h - 2, fill);
            if look.focus == Some(i) {
                c.fill(x + 1, y + 1, w - 2, 1, border);
                c.fill(x + 1, y + h - 2, w - 2, 1, border);
            }
            let tw = text_width(&self.font, label);
            let base = y + (h - self.line_h) / 2 + self.ascent;
            self.text(&mut c, x + (w - tw) / 2, base, label);
        }
        c.px
    }

    fn text(&self, c: &mut Canvas, x: i32, baseline: i32, s: &str) {
        let mut pen = x as f32;
        for ch in s.chars() {
            let (m, bitmap) = self.font.rasterize(ch, FONT_PX);
            let gx = pen.round() as i32 + m.xmin;
            let gy = baseline - m.height as i32 - m.ymin;
            for row in 0..m.height {
                for col in 0..m.width {
                    let a = bitmap[row * m.width + col];
                    if a > 0 {
                        c.blend(gx + col as i32, gy + row as i32, TEXT, a);
                    }
                }
            }
            pen += m.advance_width;
        }
    }
}

fn text_width(font: &fontdue::Font, s: &str) -> i32 {
    s.chars()
        .map(|c| font.metrics(c, FONT_PX).advance_width)
        .sum::<f32>()
        .ceil() as i32
}

/// Greedy word wrap of one paragraph to `max` pixels; a word wider than that is cut.
fn wrap(para: &str, max: i32, width_of: &dyn Fn(&str) -> i32, out: &mut Vec<String>) {
    let mut line = String::new();
    for word in para.split(' ') {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width_of(&candidate) <= max || line.is_empty() && width_of(word) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            out.push(std::mem::take(&mut line));
        }
        // A single word too wide for a line: cut it by characters.
        let mut piece = String::new();
        for ch in word.chars() {
            piece.push(ch);
            if width_of(&piece) > max && piece.chars().count() > 1 {
                piece.pop();
                out.push(std::mem::take(&mut piece));
                piece.push(ch);
            }
        }
        line = piece;
    }
    out.push(line);
}

struct Canvas {
    w: i32,
    h: i32,
    px: Vec<u32>,
}

impl Canvas {
    fn fill(&mut self, x: i32, y: i32, w: i32, h: i32, color: u32) {
        for yy in y.max(0)..(y + h).min(self.h) {
            for xx in x.max(0)..(x + w).min(self.w) {
                self.px[(yy * self.w + xx) as usize] = color;
            }
        }
    }

    fn blend(&mut self, x: i32, y: i32, color: u32, a: u8) {
        if x < 0 || y < 0 || x >= self.w || y >= self.h {
            return;
        }
        let i = (y * self.w + x) as usize;
        let dst = self.px[i];
        let a = a as u32;
        let mix = |shift: u32| {
            let s = (color >> shift) & 0xff;
            let d = (dst >> shift) & 0xff;
            ((s * a + d * (255 - a)) / 255) << shift
        };
        self.px[i] = mix(16) | mix(8) | mix(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(message: &str, buttons: &[&str]) -> Request {
        Request {
            kind: Kind::Warning,
            title: "t".into(),
            message: message.into(),
            buttons: buttons.iter().map(|s| s.to_string()).collect(),
            enter: 0,
            escape: buttons.len() - 1,
        }
    }

    #[test]
    fn messagebox_layout_buttons_row_centred_and_hit() {
        let l = Layout::new(&req("Save the game?", &["Yes", "No", "Cancel"])).expect("layout");
        assert_eq!(l.buttons.len(), 3);
        let left = l.buttons[0].0 - ACCENT_W;
        let last = l.buttons[2];
        let right = l.width - (last.0 + last.2);
        assert!((left - right).abs() <= 1, "row centred: {left} vs {right}");
        for (i, &(x, y, w, h)) in l.buttons.iter().enumerate() {
            assert_eq!(l.hit(x + w / 2, y + h / 2), Some(i));
        }
        assert_eq!(l.hit(1, 1), None);
        // The gap between two buttons hits nothing.
        assert_eq!(
            l.hit(l.buttons[0].0 + l.buttons[0].2 + 1, l.buttons[0].1 + 5),
            None
        );
    }

    #[test]
    fn messagebox_layout_wraps_long_messages_and_lines() {
        let long = "word ".repeat(200);
        let l = Layout::new(&req(&format!("first\nsecond\n{long}"), &["OK"])).expect("layout");
        assert!(l.lines.len() > 4, "{}", l.lines.len());
        assert!(l.width <= MAX_TEXT_W + 2 * PAD + ACCENT_W);
        assert_eq!(l.lines[0], "first");
        assert_eq!(l.lines[1], "second");
        let one = Layout::new(&req(&"x".repeat(500), &["OK"])).expect("layout");
        assert!(one.lines.len() > 1, "an unbroken word is cut");
    }

    #[test]
    fn messagebox_paint_draws_text_and_focus() {
        let l = Layout::new(&req("Hello", &["OK"])).expect("layout");
        let plain = l.paint(Look::default());
        assert_eq!(plain.len(), (l.width * l.height) as usize);
        assert!(plain.contains(&TEXT) || plain.iter().any(|&p| p != BG && p < 0x808080));
        let focused = l.paint(Look {
            focus: Some(0),
            ..Look::default()
        });
        assert_ne!(plain, focused);
        let (x, y, _, _) = l.buttons[0];
        assert_eq!(focused[(y * l.width + x) as usize], FOCUS);
        assert_eq!(plain[(y * l.width + x) as usize], BORDER);
    }
}
