local T = require("testlib")

T.test("system_getOS", function()
    T.eq(love.system.getOS(), "Linux")
end)

T.test("system_getProcessorCount", function()
    T.eq(love.system.getProcessorCount() >= 1, true)
end)

T.test("system_getPowerInfo", function()
    local state, percent, seconds = love.system.getPowerInfo()
    local ok = { unknown = true, battery = true, nobattery = true, charging = true, charged = true }
    T.eq(ok[state], true, "state " .. tostring(state))
    if state == "nobattery" then T.eq(percent, nil); T.eq(seconds, nil) end
end)

T.test("system_clipboard", function()
    love.system.setClipboardText("hello")
    T.eq(love.system.getClipboardText(), "hello")
    T.err("bad argument #1 to 'setClipboardText' (string expected, got no value)", love.system.setClipboardText)
end)

T.test("system_openURL", function()
    T.err("bad argument #1 to 'openURL' (string expected, got no value)", love.system.openURL)
end)

T.test("system_vibrate", function()
    love.system.vibrate()
    love.system.vibrate(0.1)
end)

T.test("system_hasBackgroundMusic", function()
    T.eq(love.system.hasBackgroundMusic(), false)
end)

T.test("system_getPreferredLocales", function()
    T.eq(type(love.system.getPreferredLocales()), "table")
end)

T.run()
