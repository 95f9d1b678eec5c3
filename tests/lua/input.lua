-- engine.input: synthetic input through the same translation as window events.
local T = require("testlib")

local function deliver()
    local log = {}
    for n, a, b, c, d, e, f in love.event.poll() do
        local parts = { n }
        for _, v in ipairs({ a, b, c, d, e, f }) do
            parts[#parts + 1] = type(v) == "userdata" and v:type() or tostring(v)
        end
        log[#log + 1] = table.concat(parts, " ")
        love.handlers[n](a, b, c, d, e, f)
    end
    return table.concat(log, "|")
end

T.test("input_key_press_release_and_isDown", function()
    love.event.clear()
    engine.input.key("a", true)
    T.eq(love.keyboard.isDown("a"), true); T.eq(love.keyboard.isScancodeDown("a"), true)
    engine.input.key("a", false)
    T.eq(love.keyboard.isDown("a"), false)
    T.eq(deliver(), "keypressed a a false|keyreleased a a")
    engine.input.key("kp1", true); engine.input.key("kp1", false)
    T.eq(deliver(), "keypressed kp1 kp1 false|keyreleased kp1 kp1")
    T.err("Invalid scancode: bogus", engine.input.key, "bogus")
end)

T.test("input_key_repeat", function()
    love.keyboard.setKeyRepeat(false)
    engine.input.key("x", true, true)
    T.eq(deliver(), "", "repeats dropped without setKeyRepeat")
    love.keyboard.setKeyRepeat(true)
    engine.input.key("x", true, true)
    T.eq(deliver(), "keypressed x x true")
    engine.input.key("x", false)
    love.keyboard.setKeyRepeat(false)
    deliver()
end)

T.test("input_textinput", function()
    local got
    function love.textinput(t) got = t end
    engine.input.text("é")
    T.eq(deliver(), "textinput é"); T.eq(got, "é")
    love.keyboard.setTextInput(false)
    engine.input.text("x")
    T.eq(deliver(), "")
    love.keyboard.setTextInput(true)
    love.textinput = nil
end)

T.test("input_mouse_double_click", function()
    engine.input.mousemove(30, 40)
    engine.input.mousebutton(1, true); engine.input.mousebutton(1, false)
    engine.input.mousebutton(1, true)
    T.eq(love.mouse.isDown(1), true)
    engine.input.mousebutton(1, false)
    T.eq(deliver(), "mousemoved 30 40 0 0 false|mousepressed 30 40 1 false 1|mousereleased 30 40 1 false 1"
        .. "|mousepressed 30 40 1 false 2|mousereleased 30 40 1 false 2")
    local x, y = love.mouse.getPosition()
    T.eq(x, 30); T.eq(y, 40)
end)

T.test("input_mouse_relative_mode", function()
    love.mouse.setRelativeMode(true)
    engine.input.mousemove(5, -3)
    T.eq(deliver(), "mousemoved 30 40 5 -3 false", "deltas, position unchanged")
    love.mouse.setRelativeMode(false)
    engine.input.mousemove(32, 40)
    T.eq(deliver(), "mousemoved 32 40 2 0 false")
end)

T.test("input_wheel", function()
    engine.input.wheel(0, -1)
    T.eq(deliver(), "wheelmoved 0 -1")
end)

T.test("input_joystick_callbacks", function()
    local added, pressed
    function love.joystickadded(j) added = j end
    function love.gamepadpressed(j, b) pressed = b end
    local h = engine.input.joystickadd("Pad", "030000005e0400008e02000014010000", true)
    T.eq(deliver(), "joystickadded Joystick")
    T.eq(love.joystick.getJoystickCount(), 1)
    local j = love.joystick.getJoysticks()[1]
    T.eq(j, added, "same object in callback and getJoysticks")
    T.eq(j:getName(), "Pad"); T.eq(j:isConnected(), true); T.eq(j:isGamepad(), true)
    T.eq(j:getGUID(), "030000005e0400008e02000014010000")
    T.eq(j:type(), "Joystick"); T.eq(j:typeOf("Object"), true)
    local id = j:getID(); T.eq(id, 1)
    engine.input.joystickbutton(h, 1, true, "a")
    T.eq(deliver(), "joystickpressed Joystick 1|gamepadpressed Joystick a")
    T.eq(pressed, "a")
    T.eq(j:isDown(1), true); T.eq(j:isDown(2), false); T.eq(j:isGamepadDown("a"), true)
    T.eq(j:getButtonCount(), 1)
    engine.input.joystickaxis(h, 1, 0.5, "leftx")
    T.eq(deliver(), "joystickaxis Joystick 1 0.5|gamepadaxis Joystick leftx 0.5")
    T.eq(j:getAxis(1), 0.5); T.eq(j:getGamepadAxis("leftx"), 0.5); T.eq(j:getAxisCount(), 1)
    engine.input.joystickhat(h, 1, "ru")
    T.eq(deliver(), "joystickhat Joystick 1 ru")
    T.eq(j:getHat(1), "ru"); T.eq(j:getHatCount(), 1)
    T.err("Invalid gamepad axis: bogus", j.getGamepadAxis, j, "bogus")
    T.err("Invalid gamepad button: bogus", j.isGamepadDown, j, "bogus")
    T.eq(j:isVibrationSupported(), true)
    T.eq(j:setVibration(0.5, 0.25), true)
    local l, r = j:getVibration(); T.eq(l, 0.5); T.eq(r, 0.25)
    engine.input.joystickremove(h)
    T.eq(deliver(), "joystickremoved Joystick")
    T.eq(j:isConnected(), false); T.eq(love.joystick.getJoystickCount(), 0)
    love.joystickadded, love.gamepadpressed = nil, nil
end)

T.test("input_joystick_game_mapping", function()
    local guid = "03000000aaaa0000bbbb000000000000"
    love.joystick.setGamepadMapping(guid, "b", "button", 2)
    local h = engine.input.joystickadd("Raw", guid, false)
    local j = love.joystick.getJoysticks()[1]
    T.eq(j:isGamepad(), true, "the game's mapping makes it a gamepad")
    local kind, index = j:getGamepadMapping("b")
    T.eq(kind, "button"); T.eq(index, 2)
    T.eq(j:getGamepadMapping("x"), nil)
    deliver()
    engine.input.joystickbutton(h, 2, true)
    T.eq(deliver(), "joystickpressed Joystick 2|gamepadpressed Joystick b")
    engine.input.joystickremove(h)
    deliver()
end)

T.test("input_resize", function()
    local got
    function love.resize(w, h) got = { w, h } end
    engine.input.resize(400, 300)
    T.eq(deliver(), "resize 400 300")
    T.eq(got[1], 400); T.eq(got[2], 300)
    T.eq(love.graphics.getWidth(), 400); T.eq(love.window.getMode(), 400)
    love.resize = nil
end)

T.test("input_event_order", function()
    -- Events arrive in the order they happened, across devices.
    engine.input.key("b", true)
    engine.input.text("b")
    engine.input.mousebutton(2, true)
    engine.input.key("b", false)
    engine.input.mousebutton(2, false)
    T.eq(deliver(), "keypressed b b false|textinput b|mousepressed 32 40 2 false 1|keyreleased b b"
        .. "|mousereleased 32 40 2 false 1")
end)

T.run()
