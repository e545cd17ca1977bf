import { c } from '../ui.js';

const clock = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** "38:12 left", or "time is up". */
export const timeLeft = (ms: number) => (ms > 0 ? `${clock(ms)} left` : 'time is up');

/**
 * A ticking clock in the terminal's top-right corner, drawn once a second with the cursor saved and
 * restored, so it stays visible while a prompt is being answered. Yellow under 5 minutes, red at 0.
 * Synchronous work (an $EDITOR session) simply pauses it. Does nothing when stdout is not a terminal.
 */
export function startCountdown(remainingMs: () => number): { stop(): void } {
  const tty = process.stdout;
  if (!tty.isTTY) return { stop() {} };
  let drawnAt = 0;
  let drawnWidth = 0;
  const draw = () => {
    const cols = tty.columns || 80;
    const ms = remainingMs();
    const text = ` ${timeLeft(ms)} `;
    if (cols < text.length + 20) return;
    const styled = ms <= 0 ? c.bold(c.red(text)) : ms < 5 * 60_000 ? c.bold(c.yellow(text)) : c.inverse(text);
    drawnAt = cols - text.length + 1;
    drawnWidth = text.length;
    tty.write(`\x1b7\x1b[1;${drawnAt}H${styled}\x1b8`);
  };
  draw();
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      if (drawnWidth) tty.write(`\x1b7\x1b[1;${drawnAt}H${' '.repeat(drawnWidth)}\x1b8`);
    },
  };
}
