/** "About" in the account bar and on the welcome screen; opens the About dialog. */
import { useState } from 'react';
import { Button } from '../../ui/Button';
import { lazyPart } from '../../ui/lazyPart';

const AboutDialog = lazyPart(() => import('./AboutDialog').then((m) => m.AboutDialog));

export function AboutButton({ className }: { className?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="ghost" size="sm" className={className} onClick={() => setOpen(true)} data-testid="about-button">
        About
      </Button>
      {open ? <AboutDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
