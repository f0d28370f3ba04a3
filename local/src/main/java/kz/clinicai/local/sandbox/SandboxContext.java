package kz.clinicai.local.sandbox;

import java.nio.file.Path;

/**
 * What a service may use when it starts.
 *
 * @param httpBaseUrl the sandbox HTTP server's root, e.g. http://127.0.0.1:4010
 * @param workDir a folder for files the service creates (certificates, uploads), removed with the sandbox
 */
public record SandboxContext(String httpBaseUrl, Path workDir, Faults faults) {
}
