-- Images from ImageData: nearest vs linear filtering, quads (incl. flipped), rotated,
-- scaled, sheared and Transform-object draws.
local g = love.graphics
local img, nearest, quad
function love.load()
    local d = love.image.newImageData(4, 4)
    d:mapPixel(function(x, y)
        if (x + y) % 2 == 0 then return 1, 1, 1, 1 end
        return x / 3, 0.2, 1 - y / 3, 1
    end)
    img = g.newImage(d)
    nearest = g.newImage(d)
    nearest:setFilter("nearest", "nearest")
    quad = g.newQuad(0, 0, 2, 2, 4, 4)
end
function love.draw()
    g.draw(nearest, 5, 5, 0, 8, 8)
    g.draw(img, 45, 5, 0, 8, 8)
    g.draw(nearest, quad, 85, 5, 0, 8, 8)
    g.draw(nearest, quad, 155, 5, 0, -8, 8)
    g.setColor(1, 0.5, 0.5)
    g.draw(nearest, 30, 60, 0.5, 6, 6, 2, 2)
    g.setColor(1, 1, 1)
    g.draw(nearest, 60, 45, 0, 6, 6, 0, 0, 0.5, 0)
    g.draw(nearest, love.math.newTransform(110, 50, -0.3, 5, 7))
    g.push()
    g.translate(20, 90)
    g.shear(0.3, 0)
    g.scale(2, 1)
    g.rectangle("fill", 0, 0, 20, 20)
    g.pop()
end
