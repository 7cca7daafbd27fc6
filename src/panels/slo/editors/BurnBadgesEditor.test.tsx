import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { BurnBadgesEditor } from './BurnBadgesEditor';
import { DEFAULT_BURN_BADGES } from '../types';

describe('BurnBadgesEditor', () => {
  const setup = () => {
    const onChange = jest.fn();
    render(<BurnBadgesEditor value={DEFAULT_BURN_BADGES} onChange={onChange} item={{} as never} context={{ data: [] }} />);
    return onChange;
  };

  it('edits a badge window and factor', () => {
    const onChange = setup();
    fireEvent.change(screen.getByLabelText('badge 2 alert factor'), { target: { value: '7.5' } });
    expect(onChange).toHaveBeenLastCalledWith([DEFAULT_BURN_BADGES[0], { window: '6h', factor: 7.5 }, DEFAULT_BURN_BADGES[2], DEFAULT_BURN_BADGES[3]]);
    fireEvent.change(screen.getByLabelText('badge 1 window'), { target: { value: '2h' } });
    expect(onChange.mock.lastCall[0][0]).toEqual({ window: '2h', factor: 14.4 });
  });

  it('adds and removes badges', () => {
    const onChange = setup();
    fireEvent.click(screen.getByText('Add badge'));
    expect(onChange.mock.lastCall[0]).toHaveLength(5);
    fireEvent.click(screen.getAllByLabelText('Remove badge')[3]);
    expect(onChange.mock.lastCall[0]).toEqual(DEFAULT_BURN_BADGES.slice(0, 3));
  });
});
