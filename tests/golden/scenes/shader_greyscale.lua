-- A greyscale effect with an extern amount, over a coloured image and shapes.
local g = love.graphics
local img, grey
function love.load()
    local d = love.image.newImageData(4, 4)
    d:mapPixel(function(x, y) return x / 3, y / 3, 1 - x / 3, 1 end)
    img = g.newImage(d)
    img:setFilter("nearest", "nearest")
    grey = g.newShader([[
extern number amount;
vec4 effect(vec4 color, Image tex, vec2 texture_coords, vec2 screen_coords) {
    vec4 c = Texel(tex, texture_coords) * color;
    number l = dot(c.rgb, vec3(0.299, 0.587, 0.114));
    return vec4(mix(c.rgb, vec3(l), amount), c.a);
}
]])
end
function love.draw()
    g.clear(0.1, 0.1, 0.3)
    g.draw(img, 5, 5, 0, 12, 12)
    g.setShader(grey)
    grey:send("amount", 1)
    g.draw(img, 60, 5, 0, 12, 12)
    g.setColor(1, 0.2, 0.2)
    g.circle("fill", 130, 30, 20)
    grey:send("amount", 0.5)
    g.rectangle("fill", 10, 70, 60, 40)
    g.setShader()
    g.rectangle("fill", 90, 70, 60, 40)
end
