/** Progress on stderr: a redrawn bar on a terminal, one plain line per file otherwise. */
export interface Progress {
  file(path: string, status: string): void;
  end(): void;
}

export function progress(total: number, tty: boolean, write: (s: string) => void): Progress {
  let done = 0;
  let last = 0;
  const draw = () => {
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files`);
  };
  return {
    file(path, status) {
      done++;
      if (!tty) {
        write(`[${done}/${total}] ${status} ${path}\n`);
        return;
      }
      const now = Date.now();
      if (now - last > 80 || done === total) {
        last = now;
        draw();
      }
    },
    end() {
      if (tty && total) write('\n');
    },
  };
}
