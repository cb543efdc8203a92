/** Progress on a TTY only: a single rewritten line on stderr, nothing in logs or pipes. */
export function progress(stream: NodeJS.WriteStream = process.stderr) {
  const tty = Boolean(stream.isTTY);
  return {
    step(done: number, total: number, label: string) {
      if (!tty) return;
      stream.write(`\r\x1b[K[${done}/${total}] ${label}`);
    },
    end() {
      if (tty) stream.write('\r\x1b[K');
    },
  };
}
