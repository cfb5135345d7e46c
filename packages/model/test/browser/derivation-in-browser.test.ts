import { expect } from 'chai';
import {
  effectiveStatus,
  noticesFor,
  validateDocument,
  type StatusDocument,
} from '@statuskit/model';

const document: StatusDocument = {
  defaultLocale: 'da',
  timeZone: 'Europe/Copenhagen',
  services: [
    { id: 'eid', name: { da: 'MitID' }, owner: 'digst', status: 'major_outage' },
    {
      id: 'tax-return',
      name: { da: 'Selvangivelse' },
      owner: 'tax',
      status: 'operational',
      dependsOn: ['eid'],
    },
  ],
  incidents: [],
  maintenance: [],
};

describe('@statuskit/model in Chromium', () => {
  it('validates and derives the experienced status with only browser built-ins', () => {
    expect(validateDocument(document).ok).to.equal(true);
    const effective = effectiveStatus(document, Date.now());
    expect(effective['tax-return']?.status).to.equal('major_outage');
    expect(effective['tax-return']?.causes[0]?.chain).to.deep.equal(['tax-return', 'eid']);
    expect(
      noticesFor(document, 'tax-return', Date.now()).map((notice) => notice.key),
    ).to.deep.equal(['status:eid']);
  });
});
