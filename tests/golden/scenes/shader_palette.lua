-- A palette swap: the image's red channel indexes an extern palette texture.
local g = love.graphics
local img, pal, swap
function love.load()
    local d = love.image.newImageData(4, 4)
    d:mapPixel(function(x, y) return ((x + y) % 4) / 3, 0, 0, 1 end)
    img = g.newImage(d)
    img:setFilter("nearest", "nearest")
    local p = love.image.newImageData(4, 1)
    p:setPixel(0, 0, 0.1, 0.1, 0.1, 1)
    p:setPixel(1, 0, 0.9, 0.2, 0.2, 1)
    p:setPixel(2, 0, 0.2, 0.9, 0.3, 1)
    p:setPixel(3, 0, 1, 1, 0.6, 1)
    pal = g.newImage(p)
    pal:setFilter("nearest", "nearest")
    swap = g.newShader([[
uniform Image palette;
vec4 effect(vec4 color, Image tex, vec2 uv, vec2 px) {
    float index = Texel(tex, uv).r;
    return Texel(palette, vec2((index * 3.0 + 0.5) / 4.0, 0.5)) * color;
}
]])
    swap:send("palette", pal)
end
function love.draw()
    g.draw(img, 5, 5, 0, 12, 12)
    g.setShader(swap)
    g.draw(img, 60, 5, 0, 12, 12)
    g.draw(img, 110, 60, 0.3, 10, 10)
    g.setShader()
end
