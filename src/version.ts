/** Version of this build of the service, reported by /healthz and in /openapi.json. */
export const SERVICE_VERSION = '0.1.0';
