import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { timelineDefinition } from '../../infra/constructs/timeline.ts';

export const TEST_FUNCTION_ARN = 'arn:aws:lambda:eu-west-3:111111111111:function:Fn';

/**
 * The timeline ASL as CDK synthesizes it, in a bare stack with an inline function (fast, no bundle
 * needed); the function's ARN token is replaced by TEST_FUNCTION_ARN.
 */
export function synthesizedTimelineAsl(): {
  StartAt: string;
  States: Record<string, Record<string, unknown> & { Type: string }>;
} {
  const stack = new Stack(new App(), 'AslOnly', { env: { account: '111111111111', region: 'eu-west-3' } });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
  const machine = new sfn.StateMachine(stack, 'Machine', {
    definitionBody: sfn.DefinitionBody.fromChainable(timelineDefinition(stack, fn)),
  });
  const definition = Stack.of(machine).resolve((machine.node.defaultChild as sfn.CfnStateMachine).definitionString) as {
    'Fn::Join': [string, unknown[]];
  };
  return JSON.parse(
    definition['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : TEST_FUNCTION_ARN)).join(''),
  );
}
