-- drawLayer with a game shader declaring `uniform ArrayImage MainTex;` (LÖVE's way):
-- the layer arrives as VaryingTexCoord.z; the shader swaps channels per layer and also
-- draws a shape (which samples a white array texture), then the default shader again.
local g = love.graphics
local arr, sh
local function layer(r, gr, b)
    local d = love.image.newImageData(4, 4)
    d:mapPixel(function(x, y)
        if (x + y) % 2 == 0 then return r, gr, b, 1 end
        return 1, 1, 1, 1
    end)
    return d
end
function love.load()
    arr = g.newArrayImage({ layer(1, 0, 0), layer(0, 1, 0), layer(0, 0, 1) })
    arr:setFilter("nearest", "nearest")
    sh = g.newShader([[
uniform ArrayImage MainTex;
void effect() {
    vec4 c = Texel(MainTex, VaryingTexCoord.xyz);
    if (VaryingTexCoord.z > 1.5) c = c.gbra;
    love_PixelColor = c * VaryingColor;
}
]])
end
function love.draw()
    g.clear(0.2, 0.2, 0.2, 1)
    g.setShader(sh)
    for i = 1, 3 do
        g.drawLayer(arr, i, 10 + (i - 1) * 50, 10, 0, 8, 8)
    end
    g.setColor(1, 0.5, 0, 1)
    g.rectangle("fill", 10, 60, 40, 20)
    g.setColor(1, 1, 1, 1)
    g.drawLayer(arr, 3, 80, 70, 0.3, 6, 6)
    g.setShader()
    g.drawLayer(arr, 3, 120, 60, 0, 6, 6)
end
