local T = require("testlib")

T.test("touch_getTouches", function()
    T.eq(#love.touch.getTouches(), 0)
end)

T.test("touch_getPosition", function()
    T.err("bad argument #1 to 'getPosition' (touch id expected, got number)", love.touch.getPosition, 1)
    T.err("bad argument #1 to 'getPosition' (touch id expected, got no value)", love.touch.getPosition)
end)

T.test("touch_getPressure", function()
    T.err("bad argument #1 to 'getPressure' (touch id expected, got number)", love.touch.getPressure, 1)
end)

T.run()
