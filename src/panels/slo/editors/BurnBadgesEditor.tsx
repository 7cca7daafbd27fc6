/** Option editor for the burn-rate badges: a window and its alert factor per badge. */
import React from 'react';
import { StandardEditorProps } from '@grafana/data';
import { Button, IconButton, Input, Stack } from '@grafana/ui';
import { parseDuration } from '../../../core/duration';
import { BurnBadge } from '../types';

export function BurnBadgesEditor({ value, onChange }: StandardEditorProps<BurnBadge[]>) {
  const badges = value ?? [];
  const update = (index: number, patch: Partial<BurnBadge>) => onChange(badges.map((b, i) => (i === index ? { ...b, ...patch } : b)));
  return (
    <Stack direction="column" gap={0.5}>
      {badges.map((badge, index) => (
        <Stack key={index} gap={0.5} alignItems="center">
          <Input
            aria-label={`badge ${index + 1} window`}
            width={8}
            value={badge.window}
            invalid={parseDuration(badge.window) === undefined}
            onChange={(e) => update(index, { window: e.currentTarget.value })}
          />
          <Input
            aria-label={`badge ${index + 1} alert factor`}
            width={10}
            type="number"
            step="0.1"
            min={0}
            value={badge.factor}
            suffix="x"
            onChange={(e) => update(index, { factor: Number(e.currentTarget.value) })}
          />
          <IconButton name="trash-alt" tooltip="Remove badge" onClick={() => onChange(badges.filter((_, i) => i !== index))} />
        </Stack>
      ))}
      <div>
        <Button size="sm" variant="secondary" icon="plus" onClick={() => onChange([...badges, { window: '1h', factor: 14.4 }])}>
          Add badge
        </Button>
      </div>
    </Stack>
  );
}
