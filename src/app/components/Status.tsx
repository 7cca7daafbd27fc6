import React from 'react';
import { Badge, type BadgeColor } from '@grafana/ui';
import type { SloStatus } from '../../panels/slo/data/model';
import type { CapacityStatus } from '../../panels/capacity/data/model';

const LOOK: Record<SloStatus | CapacityStatus, { text: string; color: BadgeColor }> = {
  ok: { text: 'OK', color: 'green' },
  warning: { text: 'Warning', color: 'orange' },
  depleted: { text: 'Depleted', color: 'red' },
  critical: { text: 'Critical', color: 'red' },
  unknown: { text: 'No data', color: 'darkgrey' },
};

export function StatusBadge({ status }: { status: SloStatus | CapacityStatus }) {
  const look = LOOK[status];
  return <Badge text={look.text} color={look.color} />;
}
