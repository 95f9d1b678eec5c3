//! Text objects (`newText`): text laid out once with a font and drawn with `draw`, in one
//! batch with other draws of the same glyph atlas.

use super::font::FontUd;
use super::objects::{LoveObject, add_object_methods};
use super::state::{ALIGN_MODES, text_runs, transform_args};
use crate::graphics::lua::graphics;
use crate::graphics::text::{Align, FontRef};
use crate::runtime::args::{Args, lua_error};
use glam::Affine2;
use mlua::{Lua, MultiValue, Table, UserData, UserDataMethods, Value};

struct Entry {
    runs: Vec<([f32; 4], String)>,
    local: Affine2,
    wrap: Option<(f32, Align)>,
    /// Width and height of the laid-out text.
    size: (f32, f32),
}

pub struct TextObject {
    font: FontRef,
    entries: Vec<Entry>,
}

pub struct TextUd(pub Option<TextObject>);

impl LoveObject for TextUd {
    fn types(&self) -> &'static [&'static str] {
        &["Text", "Drawable", "Object"]
    }
    fn release(&mut self) -> bool {
        self.0.take().is_some()
    }
}

const RELEASED: &str = "Cannot use object after it has been released.";

fn with_text<R>(
    lua: &Lua,
    args: &Args,
    f: impl FnOnce(&mut TextObject) -> mlua::Result<R>,
) -> mlua::Result<R> {
    let Value::UserData(ud) = args.get(1) else {
        return Err(args.type_error(1, "Text"));
    };
    let mut t = ud
        .borrow_mut::<TextUd>()
        .map_err(|_| args.type_error(1, "Text"))?;
    let t = t.0.as_mut().ok_or_else(|| lua_error(lua, RELEASED))?;
    f(t)
}

fn font_arg(lua: &Lua, args: &Args, n: usize) -> mlua::Result<FontRef> {
    let Value::UserData(ud) = args.get(n) else {
        return Err(args.type_error(n, "Font"));
    };
    let f = ud
        .borrow::<FontUd>()
        .map_err(|_| args.type_error(n, "Font"))?;
    f.0.clone().ok_or_else(|| lua_error(lua, RELEASED))
}

impl TextObject {
    fn add(
        &mut self,
        runs: Vec<([f32; 4], String)>,
        local: Affine2,
        wrap: Option<(f32, Align)>,
    ) -> usize {
        let plain: String = runs.iter().map(|(_, s)| s.as_str()).collect();
        let size = {
            let mut f = self.font.borrow_mut();
            let lines = match wrap {
                Some((limit, _)) => f.wrap(&plain, limit),
                None => plain
                    .split('\n')
                    .map(|l| crate::graphics::text::Line {
                        text: l.to_string(),
                        width: 0.0,
                    })
                    .collect(),
            };
            let width = match wrap {
                Some(_) => lines.iter().map(|l| l.width).fold(0.0, f32::max),
                None => f.width(&plain),
            };
            (width, lines.len() as f32 * f.line_spacing())
        };
        self.entries.push(Entry {
            runs,
            local,
            wrap,
            size,
        });
        self.entries.len()
    }

    /// Size of one entry (1-based); LOVE: without an index, the last one added.
    fn dimensions(&self, index: Option<usize>) -> (f32, f32) {
        let i = match index {
            Some(i) if i >= 1 => i - 1,
            _ => self.entries.len().saturating_sub(1),
        };
        self.entries.get(i).map(|e| e.size).unwrap_or((0.0, 0.0))
    }
}

impl UserData for TextUd {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        m.add_function("set", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "set");
            let runs = text_runs(&args, 2)?;
            with_text(lua, &args, |t| {
                t.entries.clear();
                t.add(runs, Affine2::IDENTITY, None);
                Ok(())
            })
        });
        m.add_function("setf", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "setf");
            let runs = text_runs(&args, 2)?;
            let limit = args.f32(3)?;
            let align = if args.is_none_or_nil(4) {
                Align::Left
            } else {
                args.enumeration(4, "align mode", ALIGN_MODES)?
            };
            with_text(lua, &args, |t| {
                t.entries.clear();
                t.add(runs, Affine2::IDENTITY, Some((limit, align)));
                Ok(())
            })
        });
        m.add_function("add", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "add");
            let runs = text_runs(&args, 2)?;
            let (x, y) = (args.opt_f32(3, 0.0)?, args.opt_f32(4, 0.0)?);
            let local = transform_args(&args, x, y, 5)?;
            with_text(lua, &args, |t| Ok(t.add(runs, local, None)))
        });
        m.add_function("addf", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "addf");
            let runs = text_runs(&args, 2)?;
            let limit = args.f32(3)?;
            let align = args.enumeration(4, "align mode", ALIGN_MODES)?;
            let (x, y) = (args.opt_f32(5, 0.0)?, args.opt_f32(6, 0.0)?);
            let local = transform_args(&args, x, y, 7)?;
            with_text(lua, &args, |t| Ok(t.add(runs, local, Some((limit, align)))))
        });
        m.add_function("clear", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "clear");
            with_text(lua, &args, |t| {
                t.entries.clear();
                Ok(())
            })
        });
        for (name, which) in [("getWidth", 0), ("getHeight", 1), ("getDimensions", 2)] {
            m.add_function(name, move |lua, a: MultiValue| {
                let args = Args::new(lua, a, name);
                let index = if args.is_none_or_nil(2) {
                    None
                } else {
                    Some(args.integer(2)?.max(0) as usize)
                };
                let (w, h) = with_text(lua, &args, |t| Ok(t.dimensions(index)))?;
                Ok(match which {
                    0 => MultiValue::from_vec(vec![Value::Number(w as f64)]),
                    1 => MultiValue::from_vec(vec![Value::Number(h as f64)]),
                    _ => {
                        MultiValue::from_vec(vec![Value::Number(w as f64), Value::Number(h as f64)])
                    }
                })
            });
        }
        m.add_function("getFont", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getFont");
            let f = with_text(lua, &args, |t| Ok(t.font.clone()))?;
            super::font::font_object(lua, f)
        });
        m.add_function("setFont", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "setFont");
            let f = font_arg(lua, &args, 2)?;
            with_text(lua, &args, |t| {
                t.font = f;
                // Lay the text out again with the new font.
                let old = std::mem::take(&mut t.entries);
                for e in old {
                    t.add(e.runs, e.local, e.wrap);
                }
                Ok(())
            })
        });
    }
}

/// draw(text, x, y, r, ...): every entry printed with the Text's font, in one batch.
pub fn draw_text(lua: &Lua, text: &TextObject, local: Affine2) -> mlua::Result<()> {
    let mut g = graphics(lua)?;
    let saved = g.state.font.replace(text.font.clone());
    for e in &text.entries {
        g.print(&e.runs, local * e.local, e.wrap);
    }
    g.state.font = saved;
    Ok(())
}

pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    g.set(
        "newText",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newText");
            let font = font_arg(lua, &args, 1)?;
            let mut t = TextObject {
                font,
                entries: Vec::new(),
            };
            if !args.is_none_or_nil(2) {
                let runs = text_runs(&args, 2)?;
                t.add(runs, Affine2::IDENTITY, None);
            }
            Ok(TextUd(Some(t)))
        })?,
    )
}
