'use client';

import { useRouter } from 'next/navigation';
import { TopicChooser, type TopicChooserProps } from './TopicChooser';

/** The topic chooser on the server-rendered appeals list: after a save the page is rendered again. */
export function ListTopicChooser(props: Omit<TopicChooserProps, 'onSaved'>) {
  const router = useRouter();
  return <TopicChooser {...props} onSaved={() => router.refresh()} />;
}
