-- A multi-canvas shader (void effect with love_Canvases) writing two canvases at once,
-- both drawn to the screen.
local g = love.graphics
local a, b, mrt
function love.load()
    a = g.newCanvas(60, 50)
    b = g.newCanvas(60, 50)
    mrt = g.newShader([[
void effect() {
    love_Canvases[0] = VaryingColor;
    love_Canvases[1] = vec4(1.0 - VaryingColor.rgb, 1.0) * vec4(VaryingTexCoord.xy, 1.0, 1.0);
}
]])
end
function love.draw()
    g.setCanvas(a, b)
    g.clear(0, 0, 0, 1)
    g.setShader(mrt)
    g.setColor(1, 0.5, 0)
    g.rectangle("fill", 5, 5, 40, 30)
    g.setColor(0, 0.5, 1)
    g.circle("fill", 40, 30, 15)
    g.setShader()
    g.setCanvas()
    g.setColor(1, 1, 1)
    g.draw(a, 10, 10)
    g.draw(b, 90, 10)
    g.draw(b, 50, 65, 0, 1, 0.8)
end
