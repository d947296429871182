/**
 * The AWS SDK signs every request, to fakes too: these throw-away credentials are what the fakes
 * expect (the SSM fake checks the signature against them) unless told otherwise.
 */
export const FAKE_AWS_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;
export const FAKE_AWS_REGION = 'us-east-1';
