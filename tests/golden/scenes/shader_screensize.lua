-- love_ScreenSize, screen_coords and gl_FragCoord on the screen and on a canvas:
-- a gradient by pixel position, and a vignette by distance from the centre.
local g = love.graphics
local grad, canvas
function love.load()
    canvas = g.newCanvas(40, 40)
    grad = g.newShader([[
vec4 effect(vec4 color, Image tex, vec2 uv, vec2 screen_coords) {
    vec2 p = screen_coords / love_ScreenSize.xy;
    float d = distance(p, vec2(0.5));
    float up = gl_FragCoord.y / love_ScreenSize.y;
    return vec4(p.x, p.y, up, 1.0) * (1.0 - d);
}
]])
end
function love.draw()
    g.setCanvas(canvas)
    g.setShader(grad)
    g.rectangle("fill", 0, 0, 40, 40)
    g.setCanvas()
    g.rectangle("fill", 0, 0, 100, 120)
    g.setShader()
    g.draw(canvas, 110, 10)
end
