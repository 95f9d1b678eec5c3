-- An image font made in code: glyphs "0" and "1" as 3x5 pixel digits between magenta
-- separator columns, drawn scaled up with nearest filtering.
local font
function love.load()
    love.graphics.setDefaultFilter("nearest", "nearest")
    local rows = {
        "M###M.#.MM",
        "M#.#M##.MM",
        "M#.#M.#.MM",
        "M#.#M.#.MM",
        "M###M###MM",
    }
    local d = love.image.newImageData(10, 5)
    for y = 1, 5 do
        for x = 1, 10 do
            local c = rows[y]:sub(x, x)
            if c == "M" then d:setPixel(x - 1, y - 1, 1, 0, 1, 1)
            elseif c == "#" then d:setPixel(x - 1, y - 1, 1, 0.8, 0.2, 1)
            else d:setPixel(x - 1, y - 1, 0, 0, 0, 0) end
        end
    end
    font = love.graphics.newImageFont(d, "01", 1)
    love.graphics.setBackgroundColor(0.1, 0.1, 0.3)
end
function love.draw()
    love.graphics.setFont(font)
    love.graphics.print("0110", 10, 10, 0, 4, 4)
    love.graphics.setColor(0.5, 1, 1)
    love.graphics.print("10", 10, 60, 0, 6, 6)
end
