// Not part of the app (nothing imports it): `npm run typecheck` compiles it to show that the
// wrappers' types catch mistakes. Each `@ts-expect-error` fails the type check as soon as the line
// after it compiles.
import { StatusBanner, StatusDependencies } from '@statuskit/elements/react';
import type { BannerChangeDetail } from '@statuskit/elements/react';

const noticeTypes = (event: CustomEvent<BannerChangeDetail>): string =>
  event.detail.notices.map((notice) => notice.type).join(', ');

export const mistakes = (
  <>
    {/* A handler gets the event's own detail type: this one is right. */}
    <StatusBanner onStatuskitChange={noticeTypes} />
    {/* @ts-expect-error statuskit-dismiss's detail (DismissDetail) has no notice types */}
    <StatusBanner onStatuskitDismiss={noticeTypes} />
    {/* @ts-expect-error there is no statuskit-changed event */}
    <StatusBanner onStatuskitChanged={noticeTypes} />
    {/* @ts-expect-error headingLevel is a number, not a string */}
    <StatusDependencies headingLevel="3" />
  </>
);
