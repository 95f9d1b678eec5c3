-- Shows the input callbacks: the last events received, and the keys held down.
local log = {}
local function add(...)
    local parts = {}
    for i = 1, select("#", ...) do parts[i] = tostring((select(i, ...))) end
    table.insert(log, 1, table.concat(parts, "  "))
    log[16] = nil
end

function love.keypressed(key, scancode, isrepeat) add("keypressed", key, scancode, isrepeat) end
function love.keyreleased(key, scancode) add("keyreleased", key, scancode) end
function love.textinput(t) add("textinput", t) end
function love.mousepressed(x, y, b, touch, presses) add("mousepressed", x, y, b, touch, presses) end
function love.mousereleased(x, y, b) add("mousereleased", x, y, b) end
function love.wheelmoved(x, y) add("wheelmoved", x, y) end
function love.focus(f) add("focus", f) end
function love.resize(w, h) add("resize", w, h) end

function love.draw()
    local x, y = love.mouse.getPosition()
    love.graphics.print(("mouse %d, %d   space down: %s"):format(x, y, tostring(love.keyboard.isDown("space"))), 10, 10)
    for i, line in ipairs(log) do
        love.graphics.print(line, 10, 20 + i * 16)
    end
end
