-- Shows the input callbacks: the last events received, and the keys held down.
-- Keys: r toggles relative mouse mode, g grabs the mouse, c cycles system cursors,
-- v hides the cursor. Plug in a gamepad to see joystick and gamepad events.
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
function love.textedited(t, s, l) add("textedited", t, s, l) end
function love.joystickadded(j) add("joystickadded", j:getName(), j:getGUID(), j:isGamepad()) end
function love.joystickremoved(j) add("joystickremoved", j:getName()) end
function love.joystickpressed(j, b) add("joystickpressed", j:getID(), b) end
function love.joystickaxis(j, a, v) add("joystickaxis", j:getID(), a, ("%.2f"):format(v)) end
function love.gamepadpressed(j, b) add("gamepadpressed", j:getID(), b) end
function love.gamepadaxis(j, a, v) add("gamepadaxis", j:getID(), a, ("%.2f"):format(v)) end
function love.mousemoved(x, y, dx, dy)
    if love.mouse.getRelativeMode() then add("mousemoved (relative)", dx, dy) end
end

local cursors = { "arrow", "ibeam", "wait", "crosshair", "hand", "sizeall", "no" }
local cursor = 1
local onkey = love.keypressed
function love.keypressed(key, scancode, isrepeat)
    onkey(key, scancode, isrepeat)
    if key == "r" then love.mouse.setRelativeMode(not love.mouse.getRelativeMode())
    elseif key == "g" then love.mouse.setGrabbed(not love.mouse.isGrabbed())
    elseif key == "v" then love.mouse.setVisible(not love.mouse.isVisible())
    elseif key == "c" then
        cursor = cursor % #cursors + 1
        love.mouse.setCursor(love.mouse.getSystemCursor(cursors[cursor]))
    end
end

function love.draw()
    local x, y = love.mouse.getPosition()
    love.graphics.print(("mouse %d, %d   space down: %s"):format(x, y, tostring(love.keyboard.isDown("space"))), 10, 10)
    for i, line in ipairs(log) do
        love.graphics.print(line, 10, 20 + i * 16)
    end
end
