-- LuaJIT FFI entry points of the hottest love.graphics calls (see jit_paths.rs).
-- Each wrapper takes the common call shape straight to a Rust function through the FFI,
-- which compiled code calls for ~3 ns; anything else, and any call the Rust side
-- declines (it returns 0), goes to the previous function with the caller's own
-- arguments, untouched (varargs keep "no value" apart from nil), as a tail call so
-- error positions still name the game's line.
local ffi, ctx, fn, slow, batch_methods = ...
local type = type
local cast, typeof = ffi.cast, ffi.typeof

local set_color = cast(typeof("int (*)(void *, double, double, double, double)"), fn.setColor)
local rectangle = cast(typeof("int (*)(void *, int, double, double, double, double)"), fn.rectangle)
local circle = cast(typeof("int (*)(void *, int, double, double, double)"), fn.circle)
local draw = cast(typeof(
    "int (*)(void *, void *, double, double, double, double, double, double, double, double, double)"), fn.draw)

local batch_add = cast(typeof(
    "int (*)(void *, double, double, double, double, double, double, double, double, double)"), fn.batchAdd)
local remember_batch = fn.rememberBatch
local slow_batch_add = batch_methods.add

local slow_set_color, slow_rectangle, slow_circle, slow_draw =
    slow.setColor, slow.rectangle, slow.circle, slow.draw

local fast = {}

function fast.setColor(...)
    local r, g, b, a = ...
    if type(r) == "number" and type(g) == "number" and type(b) == "number" then
        if a == nil then a = 1 end
        if type(a) == "number" and set_color(ctx, r, g, b, a) ~= 0 then return end
    end
    return slow_set_color(...)
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

function fast.draw(...)
    local d, x, y, r, sx, sy, ox, oy, kx, ky = ...
    if type(d) == "userdata" then
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
            and type(oy) == "number" and type(kx) == "number" and type(ky) == "number"
            and draw(ctx, d, x, y, r, sx, sy, ox, oy, kx, ky) ~= 0 then
            return
        end
    end
    return slow_draw(...)
end

-- SpriteBatch:add(x, y, r, sx, sy, ox, oy, kx, ky) (no quad). The Rust side finds the
-- batch by its userdata address once an ordinary add has registered it.
function fast.batchAdd(...)
    local sb, x, y, r, sx, sy, ox, oy, kx, ky = ...
    if type(sb) == "userdata" then
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
            local i = batch_add(sb, x, y, r, sx, sy, ox, oy, kx, ky)
            if i ~= 0 then return i end
        end
        remember_batch(sb)
    end
    return slow_batch_add(...)
end

return fast
