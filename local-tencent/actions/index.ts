import type { LiveAction } from '../../lib/tencent/tencent-api';
import type { LocalAction } from './action';
import {
  deleteLiveCallbackRule,
  createLiveCallbackRule,
  describeLiveCallbackRules,
} from './callback-rules';
import { describeCallbackRecordsList } from './callback-records';
import {
  createLiveCallbackTemplate,
  deleteLiveCallbackTemplate,
  describeLiveCallbackTemplates,
  modifyLiveCallbackTemplate,
} from './callback-templates';
import { describeLiveStreamEventList } from './stream-events';

/** Every action the local Tencent answers; any other is `InvalidAction`. */
export const LOCAL_ACTIONS: Readonly<Record<LiveAction, LocalAction>> = {
  CreateLiveCallbackTemplate: createLiveCallbackTemplate,
  ModifyLiveCallbackTemplate: modifyLiveCallbackTemplate,
  DescribeLiveCallbackTemplates: describeLiveCallbackTemplates,
  DeleteLiveCallbackTemplate: deleteLiveCallbackTemplate,
  CreateLiveCallbackRule: createLiveCallbackRule,
  DescribeLiveCallbackRules: describeLiveCallbackRules,
  DeleteLiveCallbackRule: deleteLiveCallbackRule,
  DescribeLiveStreamEventList: describeLiveStreamEventList,
  DescribeCallbackRecordsList: describeCallbackRecordsList,
};

export function localAction(name: string): LocalAction | undefined {
  return Object.hasOwn(LOCAL_ACTIONS, name) ? LOCAL_ACTIONS[name as LiveAction] : undefined;
}
