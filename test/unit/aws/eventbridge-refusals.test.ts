import { refusalOf } from '../../../lib/aws/eventbridge-event-publisher';

describe('what EventBridge’s entry error codes mean for a record', () => {
  it.each(['InternalFailure', 'ThrottlingException', 'SomethingNewTomorrow'])(
    '%s: retry later (AWS lists it as retryable, or it is unknown)',
    (code) => {
      expect(refusalOf(code)).toBe('retryable');
    },
  );

  it.each(['InvalidArgument', 'MalformedDetail', 'RedactionFailure', 'ValidationException'])(
    '%s: never, whatever the retry: park it',
    (code) => {
      expect(refusalOf(code)).toBe('permanent');
    },
  );

  it.each([
    'AccessDeniedException',
    'InvalidAccountIdException',
    'NotAuthorizedForSourceException',
    'NotAuthorizedForDetailTypeException',
  ])('%s: the deployment’s fault, not the record’s: leave it pending', (code) => {
    expect(refusalOf(code)).toBe('not-allowed');
  });
});
