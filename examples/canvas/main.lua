-- Canvases: render a scene into a small canvas once, draw it scaled and rotated, read
-- it back as ImageData, and take a screenshot with captureScreenshot.
local g = love.graphics
local canvas, t = nil, 0

function love.load()
    canvas = g.newCanvas(64, 64)
    canvas:setFilter("nearest", "nearest")
    canvas:renderTo(function()
        g.clear(0.1, 0.1, 0.3, 1)
        g.setColor(1, 0.6, 0.1)
        g.circle("fill", 32, 32, 24)
        g.setColor(0.1, 0.1, 0.3)
        g.rectangle("fill", 20, 20, 8, 8)
        g.rectangle("fill", 36, 20, 8, 8)
        g.setColor(1, 1, 1)
    end)
    local r, gg, b = canvas:newImageData():getPixel(32, 40)
    print(string.format("canvas pixel (32, 40): %.2f %.2f %.2f", r, gg, b))
end

function love.update(dt)
    t = t + dt
end

function love.draw()
    g.draw(canvas, 20, 20)
    g.draw(canvas, 300, 250, t, 3, 3, 32, 32)
    if t > 0.05 and t < 0.07 then
        g.captureScreenshot(function(img)
            print("screenshot: " .. img:getWidth() .. "x" .. img:getHeight())
        end)
    end
end
