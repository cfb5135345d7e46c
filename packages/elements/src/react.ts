/**
 * React wrappers (`@statuskit/elements/react`) made with `@lit/react`: element properties are set
 * as properties (not stringified attributes), and the banner's custom events are `onStatuskit…`
 * props whose handlers receive a typed `detail`. Importing this module also registers the five
 * tags, so a React app needs no separate `define` import.
 */
import * as React from 'react';
import { createComponent } from '@lit/react';
import type { EventName } from '@lit/react';
import { StatusAlternatives as StatusAlternativesElement } from './alternatives/alternatives.js';
import { StatusAvailability as StatusAvailabilityElement } from './availability/availability.js';
import { StatusBanner as StatusBannerElement } from './banner/banner.js';
import type { BannerChangeDetail, DismissDetail } from './banner/banner.js';
import { StatusDependencies as StatusDependenciesElement } from './dependencies/dependencies.js';
import { StatusMaintenance as StatusMaintenanceElement } from './maintenance/maintenance.js';
import './alternatives/define.js';
import './availability/define.js';
import './banner/define.js';
import './dependencies/define.js';
import './maintenance/define.js';

export type { BannerChangeDetail, DismissDetail } from './banner/banner.js';

/**
 * `<status-banner>`. `onStatuskitChange` runs when what the banner shows changes;
 * `onStatuskitDismiss` before notices are hidden (`event.preventDefault()` keeps them).
 */
export const StatusBanner = createComponent({
  react: React,
  tagName: 'status-banner',
  elementClass: StatusBannerElement,
  events: {
    onStatuskitChange: 'statuskit-change' as EventName<CustomEvent<BannerChangeDetail>>,
    onStatuskitDismiss: 'statuskit-dismiss' as EventName<CustomEvent<DismissDetail>>,
  },
  displayName: 'StatusBanner',
});

/** `<status-dependencies>`. */
export const StatusDependencies = createComponent({
  react: React,
  tagName: 'status-dependencies',
  elementClass: StatusDependenciesElement,
  displayName: 'StatusDependencies',
});

/** `<status-alternatives>`. */
export const StatusAlternatives = createComponent({
  react: React,
  tagName: 'status-alternatives',
  elementClass: StatusAlternativesElement,
  displayName: 'StatusAlternatives',
});

/** `<status-maintenance>`. */
export const StatusMaintenance = createComponent({
  react: React,
  tagName: 'status-maintenance',
  elementClass: StatusMaintenanceElement,
  displayName: 'StatusMaintenance',
});

/** `<status-availability>`. */
export const StatusAvailability = createComponent({
  react: React,
  tagName: 'status-availability',
  elementClass: StatusAvailabilityElement,
  displayName: 'StatusAvailability',
});

/** Props of each wrapper, for components that pass them on. */
export type StatusBannerProps = React.ComponentProps<typeof StatusBanner>;
export type StatusDependenciesProps = React.ComponentProps<typeof StatusDependencies>;
export type StatusAlternativesProps = React.ComponentProps<typeof StatusAlternatives>;
export type StatusMaintenanceProps = React.ComponentProps<typeof StatusMaintenance>;
export type StatusAvailabilityProps = React.ComponentProps<typeof StatusAvailability>;
