-- Sound without sound files: a little melody built into SoundData at load time, a
-- chime that circles the listener (3D panning of a mono Source), a queueable Source
-- fed a fresh buffer of noise whenever one is free, and an echo effect on the melody.
-- Headless (or without a sound card) it runs on a silent clock; try
--   engine run --headless --fixed-dt 0.016 --frames 300 --audio-out mix.wav examples/audio
local RATE = 44100

local function tone(hz, secs, amp)
    local n = math.floor(RATE * secs)
    local sd = love.sound.newSoundData(n, RATE, 16, 1)
    for i = 0, n - 1 do
        local env = math.min(1, i / 200, (n - i) / 2000) -- short attack, soft release
        sd:setSample(i, amp * env * math.sin(2 * math.pi * hz * i / RATE))
    end
    return sd
end

local notes = { 523.25, 587.33, 659.25, 783.99, 880.0 }
local voices, chime, noise, t, nextNote, step = {}, nil, nil, 0, 0, 1

function love.load()
    love.audio.setEffect("echo", { type = "echo", delay = 0.15, feedback = 0.4, volume = 0.5 })
    for i, hz in ipairs(notes) do
        voices[i] = love.audio.newSource(tone(hz, 0.3, 0.3), "static")
        voices[i]:setEffect("echo")
    end
    chime = love.audio.newSource(tone(1760, 0.5, 0.2), "static")
    chime:setLooping(true)
    chime:play()
    noise = love.audio.newQueueableSource(RATE, 16, 1, 4)
    noise:setVolume(0.05)
end

local function noiseBuffer()
    local sd = love.sound.newSoundData(2048, RATE, 16, 1)
    for i = 0, 2047 do sd:setSample(i, love.math and love.math.random() * 2 - 1 or math.random() * 2 - 1) end
    return sd
end

function love.update(dt)
    t = t + dt
    chime:setPosition(math.cos(t * 2) * 3, 0, math.sin(t * 2) * 3)
    if t >= nextNote then
        voices[step]:stop()
        voices[step]:play()
        step = step % #notes + 1
        nextNote = nextNote + 0.25
    end
    while noise:getFreeBufferCount() > 0 do noise:queue(noiseBuffer()) end
    if not noise:isPlaying() then noise:play() end
end

function love.draw()
    love.graphics.print("love.audio example", 20, 20)
    love.graphics.print(string.format("time %.1f s, active sources %d", t, love.audio.getActiveSourceCount()), 20, 40)
    local x, _, z = chime:getPosition()
    love.graphics.rectangle("fill", 200 + x * 40, 200 + z * 40, 10, 10)
end
