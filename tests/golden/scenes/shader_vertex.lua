-- A vertex shader that displaces vertices (a wave over a strip of rectangles) and passes a
-- custom varying to the pixel stage, plus TransformProjectionMatrix.
local g = love.graphics
local wave
function love.load()
    wave = g.newShader([[
varying float height;
#ifdef VERTEX
extern float phase;
vec4 position(mat4 transform_projection, vec4 vertex_position) {
    height = sin(vertex_position.x * 0.1 + phase);
    vertex_position.y += height * 15.0;
    return transform_projection * vertex_position;
}
#endif
#ifdef PIXEL
vec4 effect(vec4 color, Image tex, vec2 uv, vec2 px) {
    return vec4(color.rgb * (0.6 + 0.4 * height), 1.0);
}
#endif
]])
    wave:send("phase", 0.5)
end
function love.draw()
    g.setShader(wave)
    g.setColor(0.3, 0.8, 1)
    for i = 0, 15 do
        g.rectangle("fill", 5 + i * 9.5, 50, 8, 20)
    end
    g.setShader()
    g.setColor(1, 1, 1)
    g.rectangle("line", 4.5, 4.5, 151, 111)
end
