/** A control API (`/__sandbox/*`) refusal with its HTTP status: 400 a bad request, 404 nothing there. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
