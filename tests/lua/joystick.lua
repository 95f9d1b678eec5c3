local T = require("testlib")
local GUID = "030000005e0400008e02000014010000"

T.test("joystick_getJoysticks", function()
    -- No device in the test environment is a normal state.
    T.eq(type(love.joystick.getJoysticks()), "table")
    T.eq(#love.joystick.getJoysticks(), love.joystick.getJoystickCount())
end)

T.test("joystick_setGamepadMapping", function()
    T.eq(love.joystick.setGamepadMapping(GUID, "a", "button", 1), true)
    T.eq(love.joystick.setGamepadMapping(GUID, "leftx", "axis", 1), true)
    T.eq(love.joystick.setGamepadMapping(GUID, "triggerleft", "axis", 3), true)
    T.eq(love.joystick.setGamepadMapping(GUID, "dpup", "hat", 1, "u"), true)
    T.err("Invalid gamepad axis/button: bogus", love.joystick.setGamepadMapping, GUID, "bogus", "button", 1)
    T.err("Invalid joystick input type: bogus", love.joystick.setGamepadMapping, GUID, "a", "bogus", 1)
    T.err("Invalid joystick hat: zz", love.joystick.setGamepadMapping, GUID, "dpup", "hat", 1, "zz")
    T.err("Invalid joystick GUID: xyz", love.joystick.setGamepadMapping, "xyz", "a", "button", 1)
end)

T.test("joystick_getGamepadMappingString", function()
    T.eq(love.joystick.getGamepadMappingString(GUID),
        GUID .. ",Controller,a:b0,leftx:a0,lefttrigger:a2,dpup:h0.1,platform:Linux,")
    T.eq(love.joystick.getGamepadMappingString("xyz"), nil)
end)

T.test("joystick_loadGamepadMappings", function()
    love.joystick.loadGamepadMappings("03000000aaaa0000bbbb000000000000,My Pad,a:b0,b:b1,platform:Linux,")
    T.eq(love.joystick.getGamepadMappingString("03000000aaaa0000bbbb000000000000"),
        "03000000aaaa0000bbbb000000000000,My Pad,a:b0,b:b1,platform:Linux,")
    T.err("Invalid gamepad mappings.", love.joystick.loadGamepadMappings, "garbage")
    T.err("bad argument #1 to 'loadGamepadMappings' (string expected, got no value)", love.joystick.loadGamepadMappings)
end)

T.test("joystick_saveGamepadMappings", function()
    local s = love.joystick.saveGamepadMappings()
    T.eq(s:find(GUID .. ",Controller,", 1, true) ~= nil, true)
    T.eq(s:find("My Pad", 1, true) ~= nil, true)
end)

T.run()
