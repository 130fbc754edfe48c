import fs from "node:fs";
import path from "node:path";

/**
 * Gatehouse's local state (the SQLite database with password hashes and contacts' personal data, the
 * secret key file) is for the account that runs it alone: directories it makes are 0700 and files 0600,
 * whatever the umask. A mode given to mkdir or open only ever loses bits to the umask, so each new
 * directory and file is set to its mode explicitly once made.
 */
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Makes `dir` and any missing parents, each 0700; a directory that already exists is left as it is. */
export function ensurePrivateDir(dir: string): void {
  const first = fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if (first === undefined) return;
  // mkdirSync names the topmost directory it made; it and every one below it on the way to `dir` are new.
  for (let made = path.resolve(dir); ; made = path.dirname(made)) {
    fs.chmodSync(made, PRIVATE_DIR);
    if (made === path.resolve(first) || made === path.dirname(made)) return;
  }
}

/**
 * Creates `file` 0600 holding `content`, in a private directory; never touches a file that exists.
 * Answers whether it made the file (false: another start or process made it first).
 */
export function createPrivateFile(file: string, content = ""): boolean {
  ensurePrivateDir(path.dirname(file));
  let fd: number;
  try {
    fd = fs.openSync(file, "wx", PRIVATE_FILE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    fs.fchmodSync(fd, PRIVATE_FILE);
    if (content) fs.writeSync(fd, content);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** A path that other users of the machine can reach, and the command that makes it private. */
export interface ExposedPath {
  path: string;
  mode: number;
  fix: string;
}

/**
 * Which of `paths` (existing directories and files) group or others can read, write or enter. Gatehouse
 * does not change the modes of what it finds (an operator may mean them); it says how to.
 */
export function exposedPaths(paths: readonly string[]): ExposedPath[] {
  const exposed: ExposedPath[] = [];
  for (const target of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      continue;
    }
    const mode = stat.mode & 0o777;
    if ((mode & 0o077) === 0) continue;
    const wanted = stat.isDirectory() ? PRIVATE_DIR : PRIVATE_FILE;
    exposed.push({ path: target, mode, fix: `chmod ${wanted.toString(8)} ${shellWord(target)}` });
  }
  return exposed;
}

/** A path as a shell reads it back: left as it is when plain, single-quoted otherwise. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
