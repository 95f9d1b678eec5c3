//! The message box as a real X11 dialog window (what SDL, and so LÖVE, does on X11): a
//! second connection to the X server, a window marked as a dialog and transient for the
//! game's window, painted with the pixels of [`super::messagebox::Layout`], and its own
//! event loop until a button is chosen. It blocks the caller, as LÖVE's does.
//!
//! Keys: Return/Enter presses the enter button, Escape the escape button, Tab and the
//! arrow keys move the focus, Space presses the focused button. Closing the dialog
//! through the window manager answers `None` (LÖVE returns 0).

use super::messagebox::{Layout, Look, Request};
use x11rb::connection::{Connection, RequestConnection};
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{
    AtomEnum, ConnectionExt as _, CreateGCAux, CreateWindowAux, EventMask, ImageFormat, ImageOrder,
    InputFocus, PropMode, WindowClass,
};
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;

const XK_RETURN: u32 = 0xff0d;
const XK_KP_ENTER: u32 = 0xff8d;
const XK_ESCAPE: u32 = 0xff1b;
const XK_TAB: u32 = 0xff09;
const XK_ISO_LEFT_TAB: u32 = 0xfe20;
const XK_LEFT: u32 = 0xff51;
const XK_RIGHT: u32 = 0xff53;
const XK_SPACE: u32 = 0x20;

fn err<E: std::fmt::Display>(e: E) -> String {
    format!("X11: {e}")
}

/// Shows the dialog and waits. `parent` is the game window's X id (the dialog is then
/// transient for it and centred on it). Returns the 0-based button chosen, or None when
/// the dialog was closed without one. An Err means no dialog could be shown.
pub fn show(req: &Request, parent: Option<u32>) -> Result<Option<usize>, String> {
    let layout = Layout::new(req)?;
    let (conn, screen_num) = RustConnection::connect(None).map_err(err)?;
    let setup = conn.setup();
    let screen = setup
        .roots
        .get(screen_num)
        .ok_or("X11: no such screen")?
        .clone();
    let bpp32 = setup
        .pixmap_formats
        .iter()
        .any(|f| f.depth == screen.root_depth && f.bits_per_pixel == 32);
    if screen.root_depth != 24 || !bpp32 || setup.image_byte_order != ImageOrder::LSB_FIRST {
        return Err(format!(
            "X11: unsupported screen format (depth {})",
            screen.root_depth
        ));
    }
    let (w, h) = (layout.width as u16, layout.height as u16);

    // Centre on the game window, else on the screen.
    let (mut x, mut y) = (
        (screen.width_in_pixels as i32 - w as i32) / 2,
        (screen.height_in_pixels as i32 - h as i32) / 2,
    );
    if let Some(p) = parent
        && let (Ok(Ok(g)), Ok(Ok(t))) = (
            conn.get_geometry(p).map(|c| c.reply()),
            conn.translate_coordinates(p, screen.root, 0, 0)
                .map(|c| c.reply()),
        )
    {
        x = t.dst_x as i32 + (g.width as i32 - w as i32) / 2;
        y = t.dst_y as i32 + (g.height as i32 - h as i32) / 2;
    }

    let win = conn.generate_id().map_err(err)?;
    let mask = EventMask::EXPOSURE
        | EventMask::KEY_PRESS
        | EventMask::BUTTON_PRESS
        | EventMask::BUTTON_RELEASE
        | EventMask::POINTER_MOTION
        | EventMask::LEAVE_WINDOW
        | EventMask::STRUCTURE_NOTIFY;
    conn.create_window(
        x11rb::COPY_DEPTH_FROM_PARENT,
        win,
        screen.root,
        x.max(0) as i16,
        y.max(0) as i16,
        w,
        h,
        0,
        WindowClass::INPUT_OUTPUT,
        x11rb::COPY_FROM_PARENT,
        &CreateWindowAux::new()
            .background_pixel(0xf2f2f2)
            .event_mask(mask),
    )
    .map_err(err)?;
    let atom = |name: &[u8]| -> Result<u32, String> {
        Ok(conn
            .intern_atom(false, name)
            .map_err(err)?
            .reply()
            .map_err(err)?
            .atom)
    };
    let wm_protocols = atom(b"WM_PROTOCOLS")?;
    let wm_delete = atom(b"WM_DELETE_WINDOW")?;
    let utf8 = atom(b"UTF8_STRING")?;
    let net_name = atom(b"_NET_WM_NAME")?;
    let win_type = atom(b"_NET_WM_WINDOW_TYPE")?;
    let dialog = atom(b"_NET_WM_WINDOW_TYPE_DIALOG")?;
    let title = req.title.as_bytes();
    conn.change_property8(
        PropMode::REPLACE,
        win,
        AtomEnum::WM_NAME,
        AtomEnum::STRING,
        title,
    )
    .map_err(err)?;
    conn.change_property8(PropMode::REPLACE, win, net_name, utf8, title)
        .map_err(err)?;
    conn.change_property32(
        PropMode::REPLACE,
        win,
        wm_protocols,
        AtomEnum::ATOM,
        &[wm_delete],
    )
    .map_err(err)?;
    conn.change_property32(PropMode::REPLACE, win, win_type, AtomEnum::ATOM, &[dialog])
        .map_err(err)?;
    if let Some(p) = parent {
        conn.change_property32(
            PropMode::REPLACE,
            win,
            AtomEnum::WM_TRANSIENT_FOR,
            AtomEnum::WINDOW,
            &[p],
        )
        .map_err(err)?;
    }
    // WM_NORMAL_HINTS: a fixed size (PMinSize | PMaxSize) at the position asked (USPosition).
    let mut hints = [0u32; 18];
    hints[0] = 1 | 16 | 32;
    hints[1] = x.max(0) as u32;
    hints[2] = y.max(0) as u32;
    hints[5] = w as u32;
    hints[6] = h as u32;
    hints[7] = w as u32;
    hints[8] = h as u32;
    conn.change_property32(
        PropMode::REPLACE,
        win,
        AtomEnum::WM_NORMAL_HINTS,
        AtomEnum::WM_SIZE_HINTS,
        &hints,
    )
    .map_err(err)?;
    let gc = conn.generate_id().map_err(err)?;
    conn.create_gc(gc, win, &CreateGCAux::new()).map_err(err)?;
    conn.map_window(win).map_err(err)?;
    conn.flush().map_err(err)?;

    let keymap = Keymap::read(&conn)?;
    let mut look = Look {
        focus: Some(req.enter.min(req.buttons.len().saturating_sub(1))),
        ..Look::default()
    };
    let n = req.buttons.len();
    let result = loop {
        let event = conn.wait_for_event().map_err(err)?;
        let before = look;
        match event {
            Event::Expose(e) if e.count == 0 => paint(&conn, win, gc, &layout, look)?,
            Event::MapNotify(_) => {
                // Without a window manager nothing gives the dialog the keyboard.
                let _ = conn.set_input_focus(InputFocus::PARENT, win, x11rb::CURRENT_TIME);
            }
            Event::MotionNotify(e) => look.hover = layout.hit(e.event_x as i32, e.event_y as i32),
            Event::LeaveNotify(_) => look.hover = None,
            Event::ButtonPress(e) if e.detail == 1 => {
                look.down = layout.hit(e.event_x as i32, e.event_y as i32);
                look.hover = look.down;
            }
            Event::ButtonRelease(e) if e.detail == 1 => {
                let hit = layout.hit(e.event_x as i32, e.event_y as i32);
                if hit.is_some() && hit == look.down {
                    break hit;
                }
                look.down = None;
            }
            Event::KeyPress(e) => match keymap.keysym(e.detail) {
                XK_RETURN | XK_KP_ENTER => break Some(req.enter),
                XK_ESCAPE => break Some(req.escape),
                XK_SPACE => break look.focus,
                XK_TAB | XK_RIGHT => look.focus = look.focus.map(|f| (f + 1) % n),
                XK_ISO_LEFT_TAB | XK_LEFT => look.focus = look.focus.map(|f| (f + n - 1) % n),
                _ => {}
            },
            Event::ClientMessage(e) if e.data.as_data32()[0] == wm_delete => break None,
            Event::DestroyNotify(_) => break None,
            _ => {}
        }
        if look != before {
            paint(&conn, win, gc, &layout, look)?;
        }
    };
    let _ = conn.destroy_window(win);
    let _ = conn.flush();
    Ok(result)
}

/// Sends the painted box to the window, in bands that fit the server's request size.
fn paint(
    conn: &RustConnection,
    win: u32,
    gc: u32,
    layout: &Layout,
    look: Look,
) -> Result<(), String> {
    let px = layout.paint(look);
    let w = layout.width as usize;
    let row_bytes = w * 4;
    let rows_per = ((conn.maximum_request_bytes().saturating_sub(64)) / row_bytes.max(1)).max(1);
    for (band, rows) in px.chunks(w * rows_per).enumerate() {
        let bytes: Vec<u8> = rows.iter().flat_map(|p| p.to_le_bytes()).collect();
        conn.put_image(
            ImageFormat::Z_PIXMAP,
            win,
            gc,
            w as u16,
            (rows.len() / w) as u16,
            0,
            (band * rows_per) as i16,
            0,
            24,
            &bytes,
        )
        .map_err(err)?;
    }
    conn.flush().map_err(err)
}

/// Keycode to keysym (the first, unshifted one).
struct Keymap {
    min: u8,
    per: usize,
    syms: Vec<u32>,
}

impl Keymap {
    fn read(conn: &RustConnection) -> Result<Keymap, String> {
        let (min, max) = (conn.setup().min_keycode, conn.setup().max_keycode);
        let r = conn
            .get_keyboard_mapping(min, max - min + 1)
            .map_err(err)?
            .reply()
            .map_err(err)?;
        Ok(Keymap {
            min,
            per: r.keysyms_per_keycode as usize,
            syms: r.keysyms,
        })
    }

    fn keysym(&self, code: u8) -> u32 {
        let i = code.saturating_sub(self.min) as usize * self.per;
        self.syms.get(i).copied().unwrap_or(0)
    }
}
