import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * A self-signed certificate for localhost, made once with openssl as the seed's Sinatra example does,
 * and kept in the example's data directory (never committed).
 */
export function selfSignedCertificate(dir: string): { key: Buffer; cert: Buffer } {
  const keyFile = path.join(dir, "pkey.pem");
  const certFile = path.join(dir, "cert.crt");
  if (!fs.existsSync(keyFile) || !fs.existsSync(certFile)) {
    fs.mkdirSync(dir, { recursive: true });
    try {
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-nodes",
          "-days",
          "365",
          "-newkey",
          "rsa:2048",
          "-keyout",
          keyFile,
          "-out",
          certFile,
          "-subj",
          "/CN=localhost",
          "-addext",
          "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],
        { stdio: "ignore" },
      );
    } catch {
      throw new Error(
        "openssl is needed to make the example's self-signed certificate (apt-get install -y openssl)",
      );
    }
    fs.chmodSync(keyFile, 0o600);
  }
  return { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) };
}
