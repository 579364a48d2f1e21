import type { ApiEventName, ApiName } from '../../shared/api/contract';

export const apiChannel = (name: ApiName): string => `corroborate:api:${name}`;
export const eventChannel = (name: ApiEventName): string => `corroborate:event:${name}`;
