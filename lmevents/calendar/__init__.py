"""Calendar export: ICS files and subscription feeds of the programme and of each participant."""
