const SERVICE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Whether `id` is a service id the feed can be asked about (it rejects anything else). */
export function isServiceId(id: string | undefined): id is string {
  return id !== undefined && SERVICE_ID.test(id);
}
