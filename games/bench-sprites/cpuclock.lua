-- The calling thread's CPU time in seconds (clock_gettime(CLOCK_THREAD_CPUTIME_ID)
-- through LuaJIT's FFI, which both this engine and LÖVE have), so that time the thread
-- spends preempted (by the software rasterizer's threads on a small machine) is not
-- counted. Falls back to love.timer.getTime (wall time) without the FFI.
-- Shared by the bench-* games that report love.draw's cost; keep the copies identical.
local ok, ffi = pcall(require, "ffi")
if not ok or jit.os ~= "Linux" then
    return { now = love.timer.getTime, kind = "wall time" }
end
pcall(ffi.cdef, "int clock_gettime(int, void *);") -- fails harmlessly if declared already
local ts = ffi.new("struct { long sec; long nsec; }")
local clock_gettime = ffi.C.clock_gettime
local CLOCK_THREAD_CPUTIME_ID = 3
return {
    now = function()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, ts)
        return tonumber(ts.sec) + tonumber(ts.nsec) * 1e-9
    end,
    kind = "thread CPU time",
}
