-- LuaJIT FFI entry points of the hottest love.graphics calls (see jit_paths.rs).
-- Each wrapper takes the common call shape straight to a Rust function through the FFI,
-- which compiled code calls for ~3 ns; anything else, and any call the Rust side
-- declines (it returns 0), goes to the previous function with the caller's own
-- arguments, untouched (varargs keep "no value" apart from nil), as a tail call so
-- error positions still name the game's line.
local ffi, ctx, fn, slow, batch_methods, jit = ...
local type = type
local cast, typeof = ffi.cast, ffi.typeof

local set_color = cast(typeof("int (*)(void *, double, double, double, double)"), fn.setColor)
local rectangle = cast(typeof("int (*)(void *, int, double, double, double, double)"), fn.rectangle)
local circle = cast(typeof("int (*)(void *, int, double, double, double)"), fn.circle)
local draw = cast(typeof(
    "int (*)(void *, void *, double, double, double, double, double, double, double, double, double)"), fn.draw)

local get_color = cast(typeof("int (*)(void *, double *)"), fn.getColor)
local origin = cast(typeof("int (*)(void *)"), fn.origin)
local translate = cast(typeof("int (*)(void *, double, double)"), fn.translate)
local rotate = cast(typeof("int (*)(void *, double)"), fn.rotate)
local scale = cast(typeof("int (*)(void *, double, double)"), fn.scale)
local push = cast(typeof("int (*)(void *, int)"), fn.push)
local pop = cast(typeof("int (*)(void *)"), fn.pop)
local color_out = ffi.new("double[4]")
local draw_quad = cast(typeof("int (*)(void *, void *, void *, double, double, double, "
    .. "double, double, double, double, double, double)"), fn.drawQuad)
local remember_draw = fn.rememberDraw
-- Objects remember_draw said can never take the FFI path (canvases, Transforms): not asked
-- again. Weak keys: the objects themselves, so nothing here outlives them.
local no_fast = setmetatable({}, { __mode = "k" })
local batch_add = cast(typeof(
    "int (*)(void *, double, double, double, double, double, double, double, double, double)"), fn.batchAdd)
local remember_batch = fn.rememberBatch
local slow_batch_add = batch_methods.add

local slow_set_color, slow_rectangle, slow_circle, slow_draw =
    slow.setColor, slow.rectangle, slow.circle, slow.draw
local slow_get_color, slow_origin, slow_translate, slow_rotate, slow_scale, slow_push, slow_pop =
    slow.getColor, slow.origin, slow.translate, slow.rotate, slow.scale, slow.push, slow.pop

local fast = {}

-- x, y, r, sx, sy, ox, oy, kx, ky with LÖVE's defaults (sy defaults to sx), after true;
-- false when one of them is neither nil nor a number (the ordinary binding then decides:
-- numeric strings, errors).
local function placement(x, y, r, sx, sy, ox, oy, kx, ky)
    if x == nil then x = 0 end
    if y == nil then y = 0 end
    if r == nil then r = 0 end
    if sx == nil then sx = 1 end
    if sy == nil then sy = sx end
    if ox == nil then ox = 0 end
    if oy == nil then oy = 0 end
    if kx == nil then kx = 0 end
    if ky == nil then ky = 0 end
    if type(x) == "number" and type(y) == "number" and type(r) == "number"
        and type(sx) == "number" and type(sy) == "number" and type(ox) == "number"
        and type(oy) == "number" and type(kx) == "number" and type(ky) == "number" then
        return true, x, y, r, sx, sy, ox, oy, kx, ky
    end
    return false
end


function fast.setColor(...)
    local r, g, b, a = ...
    if type(r) == "number" and type(g) == "number" and type(b) == "number" then
        if a == nil then a = 1 end
        if type(a) == "number" and set_color(ctx, r, g, b, a) ~= 0 then return end
    end
    return slow_set_color(...)
end

function fast.getColor(...)
    if get_color(ctx, color_out) ~= 0 then
        return color_out[0], color_out[1], color_out[2], color_out[3]
    end
    return slow_get_color(...)
end

function fast.origin(...)
    if origin(ctx) ~= 0 then return end
    return slow_origin(...)
end

function fast.translate(...)
    local x, y = ...
    if type(x) == "number" and type(y) == "number" and translate(ctx, x, y) ~= 0 then return end
    return slow_translate(...)
end

function fast.rotate(...)
    local r = ...
    if type(r) == "number" and rotate(ctx, r) ~= 0 then return end
    return slow_rotate(...)
end

function fast.scale(...)
    local sx, sy = ...
    if sy == nil then sy = sx end
    if type(sx) == "number" and type(sy) == "number" and scale(ctx, sx, sy) ~= 0 then return end
    return slow_scale(...)
end

function fast.push(...)
    local mode = ...
    local all
    if mode == nil or mode == "transform" then all = 0 elseif mode == "all" then all = 1 end
    if all and push(ctx, all) ~= 0 then return end
    return slow_push(...)
end

function fast.pop(...)
    if pop(ctx) ~= 0 then return end
    return slow_pop(...)
end

local function mode_of(m)
    if m == "fill" then return 1 elseif m == "line" then return 0 end
    return nil
end

function fast.rectangle(...)
    local m, x, y, w, h, rx, ry = ...
    local fill = mode_of(m)
    if fill and rx == nil and ry == nil and type(x) == "number" and type(y) == "number"
        and type(w) == "number" and type(h) == "number"
        and rectangle(ctx, fill, x, y, w, h) ~= 0 then
        return
    end
    return slow_rectangle(...)
end

function fast.circle(...)
    local m, x, y, r, segments = ...
    local fill = mode_of(m)
    if fill and segments == nil and type(x) == "number" and type(y) == "number"
        and type(r) == "number" and circle(ctx, fill, x, y, r) ~= 0 then
        return
    end
    return slow_circle(...)
end

-- draw(texture, quad, x, y, r, sx, sy, ox, oy, kx, ky): true when the FFI drew it.
local function try_draw_quad(...)
    local d, q, x, y, r, sx, sy, ox, oy, kx, ky = ...
    local ok
    ok, x, y, r, sx, sy, ox, oy, kx, ky = placement(x, y, r, sx, sy, ox, oy, kx, ky)
    return ok and draw_quad(ctx, d, q, x, y, r, sx, sy, ox, oy, kx, ky) ~= 0
end

function fast.draw(...)
    local d, x, y, r, sx, sy, ox, oy, kx, ky = ...
    if type(d) == "userdata" then
        if type(x) == "userdata" then
            -- a quad (or a Transform, which the Rust side declines)
            if try_draw_quad(...) then return end
            if not no_fast[d] and not no_fast[x] then
                local why = remember_draw(d, x)
                if why == 1 then no_fast[d] = true elseif why == 2 then no_fast[x] = true end
            end
            return slow_draw(...)
        end
        local ok
        ok, x, y, r, sx, sy, ox, oy, kx, ky = placement(x, y, r, sx, sy, ox, oy, kx, ky)
        if ok and draw(ctx, d, x, y, r, sx, sy, ox, oy, kx, ky) ~= 0 then return end
    end
    return slow_draw(...)
end

-- SpriteBatch:add(x, y, r, sx, sy, ox, oy, kx, ky) (no quad). The Rust side finds the
-- batch by its userdata address once an ordinary add has registered it.
function fast.batchAdd(...)
    local sb, x, y, r, sx, sy, ox, oy, kx, ky = ...
    if type(sb) == "userdata" then
        local ok
        ok, x, y, r, sx, sy, ox, oy, kx, ky = placement(x, y, r, sx, sy, ox, oy, kx, ky)
        if ok then
            local i = batch_add(sb, x, y, r, sx, sy, ox, oy, kx, ky)
            if i ~= 0 then return i end
        end
        remember_batch(sb)
    end
    return slow_batch_add(...)
end

-- Installed while the JIT is on. Interpreted, an FFI call costs more than the raw C
-- function behind it (a draw: ~230 ns against ~60 ns), so `jit.off()` (the whole VM)
-- puts the previous functions back and `jit.on()` the wrappers; other forms (a single
-- function) are passed through untouched, as tail calls so that `jit.off(true)` still
-- means the game's own function.
local names = { "setColor", "getColor", "rectangle", "circle", "draw", "origin", "translate",
    "rotate", "scale", "push", "pop" }
local previous = {}
for _, name in ipairs(names) do previous[name] = slow[name] end
local function install(on)
    for _, name in ipairs(names) do slow[name] = on and fast[name] or previous[name] end
    batch_methods.add = on and fast.batchAdd or slow_batch_add
end
install(true)
local jit_on, jit_off, select = jit.on, jit.off, select
jit.on = function(...)
    if select("#", ...) == 0 then install(true) end
    return jit_on(...)
end
jit.off = function(...)
    if select("#", ...) == 0 then install(false) end
    return jit_off(...)
end
