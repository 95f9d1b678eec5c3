-- Sprites: an image made from ImageData, quads from a sprite sheet, and a SpriteBatch
-- of 2,000 sprites drawn in one draw call.
local g = love.graphics
local sheet, quads, batch
local t = 0

function love.load()
    -- A 2x1 sprite sheet of two 8x8 frames, drawn pixel-sharp.
    local d = love.image.newImageData(16, 8)
    d:mapPixel(function(x, y)
        local dx, dy = (x % 8) - 3.5, y - 3.5
        if dx * dx + dy * dy > 12 then return 0, 0, 0, 0 end
        if x < 8 then return 1, 0.8, 0.2, 1 end
        return 0.3, 0.8, 1, 1
    end)
    sheet = g.newImage(d)
    sheet:setFilter("nearest", "nearest")
    quads = { g.newQuad(0, 0, 8, 8, sheet), g.newQuad(8, 0, 8, 8, sheet) }
    batch = g.newSpriteBatch(sheet, 2000)
    math.randomseed(3)
    for i = 1, 2000 do
        batch:setColor(1, 1, 1, 0.3 + math.random() * 0.7)
        batch:add(quads[i % 2 + 1], math.random() * 780, 150 + math.random() * 440, 0, 1.5)
    end
end

function love.update(dt) t = t + dt end

function love.draw()
    g.draw(batch)
    for i = 0, 9 do
        g.draw(sheet, quads[math.floor(t * 4 + i) % 2 + 1], 40 + i * 70, 60, t + i, 4, 4, 4, 4)
    end
    g.print(string.format("draw calls: %d", g.getStats().drawcalls), 10, 10)
end
