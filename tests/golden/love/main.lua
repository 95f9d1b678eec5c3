-- Harness for compare.sh: runs a golden scene (SCENE) in LÖVE 11.4 and writes its
-- first frame to OUT with captureScreenshot.
local scene = os.getenv("SCENE")
local out = os.getenv("OUT")
local f = assert(loadfile(scene)); f()
local frame = 0
local userdraw = love.draw
function love.draw()
  if userdraw then userdraw() end
  frame = frame + 1
  if frame == 1 then
    love.graphics.captureScreenshot(function(img)
      local fd = img:encode("png")
      local h = io.open(out, "wb"); h:write(fd:getString()); h:close()
      love.event.quit()
    end)
  end
end
