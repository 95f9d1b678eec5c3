-- Every blend mode drawing the same translucent orange over a coloured background.
local g = love.graphics
local modes = {
    { "alpha" }, { "add" }, { "subtract" }, { "multiply", "premultiplied" },
    { "lighten", "premultiplied" }, { "darken", "premultiplied" }, { "screen" },
    { "replace" }, { "none" }, { "alpha", "premultiplied" },
}
function love.draw()
    g.setColor(0.2, 0.4, 0.8)
    g.rectangle("fill", 0, 0, 160, 60)
    g.setColor(0.8, 0.8, 0.2)
    g.rectangle("fill", 0, 60, 160, 60)
    for i, m in ipairs(modes) do
        g.setBlendMode(m[1], m[2])
        g.setColor(1, 0.5, 0.2, 0.6)
        local x = ((i - 1) % 5) * 32 + 4
        local y = math.floor((i - 1) / 5) * 60 + 15
        g.rectangle("fill", x, y, 24, 30)
    end
    g.setBlendMode("alpha")
end
