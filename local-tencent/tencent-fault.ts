/**
 * An error answer of the local Tencent: Tencent's code and a message, sent as
 * `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}` with HTTP 200, as Tencent does.
 * Messages never repeat a secret the request carried (a SecretKey, a CallbackKey).
 */
export class TencentFault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TencentFault';
  }
}

/** `InvalidParameterValue`: a parameter is of the right type but outside what Tencent accepts. */
export function invalidValue(message: string): TencentFault {
  return new TencentFault('InvalidParameterValue', message);
}
