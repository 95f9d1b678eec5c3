local T = require("testlib")

T.test("timer_step", function()
    T.eq(love.timer.step(), 0.25, "--fixed-dt 0.25")
    T.eq(love.timer.getDelta(), 0.25)
end)

T.test("timer_getTime", function()
    local t0 = love.timer.getTime()
    love.timer.step()
    T.eq(love.timer.getTime() - t0, 0.25)
end)

T.test("timer_getFPS", function()
    for _ = 1, 8 do love.timer.step() end
    T.eq(love.timer.getFPS(), 4, "4 steps of 0.25 s a second")
end)

T.test("timer_getAverageDelta", function()
    T.eq(love.timer.getAverageDelta(), 0.25)
end)

T.test("timer_sleep", function()
    love.timer.sleep(0)
    love.timer.sleep(-1)
    T.err("bad argument #1 to 'sleep' (number expected, got string)", love.timer.sleep, "x")
    T.err("bad argument #1 to 'sleep' (number expected, got no value)", love.timer.sleep)
end)

T.run()
