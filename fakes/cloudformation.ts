import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { close, listen } from './http';

export interface LocalCloudFormation {
  endpoint: string;
  /** Stacks by name, each with its outputs (OutputKey → OutputValue). */
  stacks: Map<string, Record<string, string>>;
  /** The StackName of every DescribeStacks received. */
  described: string[];
  stop(): Promise<void>;
}

/**
 * CloudFormation's DescribeStacks (the AWS query protocol: a form body, an XML answer) over HTTP,
 * with stacks in memory; an unknown name is CloudFormation's `ValidationError` ("does not exist").
 * Only what the wiring command reads: a stack's outputs.
 */
export async function startLocalCloudFormation(): Promise<LocalCloudFormation> {
  const stacks = new Map<string, Record<string, string>>();
  const described: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const name = form.get('StackName') ?? '';
      const requestId = randomUUID();
      response.setHeader('content-type', 'text/xml');
      if (form.get('Action') !== 'DescribeStacks') {
        response.writeHead(400);
        response.end(error('InvalidAction', `unsupported action ${form.get('Action')}`, requestId));
        return;
      }
      described.push(name);
      const outputs = stacks.get(name);
      if (!outputs) {
        response.writeHead(400);
        response.end(error('ValidationError', `Stack with id ${name} does not exist`, requestId));
        return;
      }
      const members = Object.entries(outputs)
        .map(
          ([key, value]) =>
            `<member><OutputKey>${key}</OutputKey><OutputValue>${value}</OutputValue></member>`,
        )
        .join('');
      response.writeHead(200);
      response.end(
        '<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">' +
          '<DescribeStacksResult><Stacks><member>' +
          `<StackName>${name}</StackName>` +
          `<StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/${requestId}</StackId>` +
          '<CreationTime>2026-11-29T10:00:00Z</CreationTime>' +
          '<StackStatus>UPDATE_COMPLETE</StackStatus>' +
          `<Outputs>${members}</Outputs>` +
          '</member></Stacks></DescribeStacksResult>' +
          `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
          '</DescribeStacksResponse>',
      );
    });
  });
  const endpoint = await listen(server);
  return { endpoint, stacks, described, stop: () => close(server) };
}

function error(code: string, message: string, requestId: string): string {
  return (
    '<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">' +
    `<Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
